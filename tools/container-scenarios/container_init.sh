#!/bin/sh
# Pid 1 of a scenario's "container": runs inside fresh pid, mount, uts, ipc and network namespaces (unshare), in
# the victim's cgroup. Gives the container its own hostname, /tmp and loopback, mounts decoy secrets over the host's,
# then becomes the victim service.
#
#   container_init.sh SCENARIO_FOLDER SCRATCH
set -eu
here=$1
scratch=$2
hostname victim
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /srv
cp -r "$scratch/data/." /srv/
mount --bind "$scratch/decoy/shadow" /etc/shadow
python3 "$here/loopback_up.py"
exec python3 "$here/victim_server.py" 8080 /srv
