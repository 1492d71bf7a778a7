#!/bin/bash
# A one-node Slurm cluster on this machine, to run the sharding scripts (submit.sh, array.sbatch,
# merge.sbatch) through a real scheduler: its own munged, slurmctld and slurmd, all for localhost.
#
#   scripts/slurm/local-cluster.sh install          # apt-get install slurm-wlm munge (Debian/Ubuntu, root)
#   scripts/slurm/local-cluster.sh start            # starts whatever is not running yet; idempotent
#   eval "$(scripts/slurm/local-cluster.sh env)"    # SLURM_CONF for sbatch, squeue, sacct, scancel
#   EXPERIMENT=experiments/quickstart.yaml SHARDS=3 scripts/slurm/submit.sh
#   scripts/slurm/local-cluster.sh status
#   scripts/slurm/local-cluster.sh stop             # cancels its jobs, stops what start started; idempotent
#
# Everything lives in one folder, SYSCALLBENCH_SLURM_DIR (default /tmp/syscallbench-slurm): the munge
# key and socket, slurm.conf, the controller's state, the spool, the logs and the job-completion log that
# `sacct --completion` reads (there is no slurmdbd, so plain `sacct` has no data). /etc/slurm, /etc/munge
# and a system munged are never touched. Ports: SYSCALLBENCH_SLURM_PORT for slurmctld (default 6817),
# the next one for slurmd.
#
# The daemons run as the user who starts them; slurmd must be root to run jobs as their submitters, so
# `start` needs root. Process tracking is proctrack/linuxproc and TaskPlugin task/none: no cgroup plugin,
# so it works in containers and VMs whatever their cgroup setup (jobs are not confined to their CPUs).
set -euo pipefail

# The daemons and mungekey live in sbin, which a non-login shell's PATH may lack.
PATH="$PATH:/usr/sbin:/sbin"
DIR="${SYSCALLBENCH_SLURM_DIR:-/tmp/syscallbench-slurm}"
PORT="${SYSCALLBENCH_SLURM_PORT:-6817}"
CONF="$DIR/slurm.conf"
SOCKET="$DIR/munge/munge.socket"
# How long start waits for each daemon to answer before it gives up, naming the log to read.
START_TIMEOUT="${SYSCALLBENCH_SLURM_START_TIMEOUT:-60}"

die() {
    echo "local-cluster.sh: $*" >&2
    exit 1
}

# The pid in a daemon's pid file, if that process is alive and is that daemon started on this folder.
running_pid() {
    local name=$1 pidfile=$2 pid
    [ -f "$pidfile" ] || return 1
    pid=$(cat "$pidfile" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 1
    # Another cluster's daemon with a reused pid must not be mistaken for ours: ours name this folder.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DIR" || return 1
    echo "$pid"
}

wait_for() {
    local what=$1 log=$2 check=$3 waited=0
    until eval "$check" >/dev/null 2>&1; do
        if [ "$waited" -ge "$START_TIMEOUT" ]; then
            echo "local-cluster.sh: $what did not come up within ${START_TIMEOUT}s; last lines of $log:" >&2
            tail -n 20 "$log" >&2 2>/dev/null || true
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

require_tools() {
    local tool missing=()
    for tool in munged mungekey slurmctld slurmd scontrol sinfo sbatch; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        die "not installed: ${missing[*]}; run '$0 install' (Debian/Ubuntu packages slurm-wlm and munge)"
    fi
}

install() {
    [ "$(id -u)" -eq 0 ] || die "install needs root (apt-get)"
    command -v apt-get >/dev/null 2>&1 || die "install knows Debian/Ubuntu (apt-get) only; install Slurm and MUNGE with your system's packages"
    if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null \
        && command -v sbatch >/dev/null; then
        echo "slurm-wlm and munge are installed ($(slurmctld -V))"
        return
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
    echo "installed $(slurmctld -V) and munge $(dpkg-query -W -f='${Version}' munge)"
}

# The node line from the hardware slurmd sees (CPUs, sockets, cores, threads, RealMemory), named after
# this host and reached on the loopback address.
node_line() {
    local hardware
    hardware=$(slurmd -C | head -n 1) || die "slurmd -C failed"
    hardware=${hardware#NodeName=* }
    echo "NodeName=$(hostname -s) NodeAddr=127.0.0.1 $hardware State=UNKNOWN"
}

write_config() {
    local host temp
    host=$(hostname -s)
    temp=$(mktemp "$DIR/slurm.conf.XXXXXX")
    cat >"$temp" <<EOF
# Written by scripts/slurm/local-cluster.sh; rewritten on every start while nothing runs.
ClusterName=syscallbench
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
$(node_line)
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
    mv "$temp" "$CONF"
}

start() {
    require_tools
    [ "$(id -u)" -eq 0 ] || die "start needs root: slurmd runs jobs as the users who submit them"
    mkdir -p "$DIR"/{munge,state,spool,run,log}
    # munged refuses a key or socket in a folder others can write to, and a socket folder others cannot enter.
    chmod 0755 "$DIR" "$DIR/munge"

    local munged_pid slurmctld_pid slurmd_pid
    munged_pid=$(running_pid munged "$DIR/munge/munged.pid" || true)
    slurmctld_pid=$(running_pid slurmctld "$DIR/run/slurmctld.pid" || true)
    slurmd_pid=$(running_pid slurmd "$DIR/run/slurmd.pid" || true)
    if [ -n "$munged_pid" ] && [ -n "$slurmctld_pid" ] && [ -n "$slurmd_pid" ]; then
        echo "already running in $DIR (munged $munged_pid, slurmctld $slurmctld_pid, slurmd $slurmd_pid)"
        return
    fi
    if [ -z "$slurmctld_pid" ] && [ -z "$slurmd_pid" ]; then
        write_config
    fi

    if [ -z "$munged_pid" ]; then
        [ -f "$DIR/munge/munge.key" ] || mungekey --create --keyfile="$DIR/munge/munge.key"
        chmod 0600 "$DIR/munge/munge.key"
        munged --socket="$SOCKET" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/munge/munged.pid" \
            --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed"
        wait_for munged "$DIR/log/munged.log" "munge --socket='$SOCKET' -n </dev/null | unmunge --socket='$SOCKET'"
    fi

    export SLURM_CONF="$CONF"
    if [ -z "$slurmctld_pid" ]; then
        slurmctld -f "$CONF"
        wait_for slurmctld "$DIR/log/slurmctld.log" "scontrol ping | grep -q 'is UP'"
    fi
    if [ -z "$slurmd_pid" ]; then
        slurmd -f "$CONF"
    fi
    wait_for "node $(hostname -s)" "$DIR/log/slurmd.log" "sinfo -h -N -o %t | grep -qE '^(idle|mix|alloc)'"
    echo "started $(slurmctld -V) in $DIR: $(sinfo -h -N -o '%N %c CPUs %m MB %t')"
    echo "use it with: export SLURM_CONF=$CONF"
}

stop_daemon() {
    local name=$1 pidfile=$2 pid waited=0
    pid=$(running_pid "$name" "$pidfile") || return 0
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge 30 ]; then
            die "$name ($pid) did not stop within 30s after SIGTERM"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "stopped $name ($pid)"
}

# Jobs outlive slurmd (each runs under its own slurmstepd), so stop cancels them first, while the
# controller and slurmd can still end them, and waits until they are gone.
cancel_jobs() {
    local jobs waited=0
    export SLURM_CONF="$CONF"
    jobs=$(squeue -h -o %A 2>/dev/null) || return 0
    [ -n "$jobs" ] || return 0
    # shellcheck disable=SC2086 # one job id per word
    scancel $jobs
    while [ -n "$(squeue -h -o %A 2>/dev/null)" ]; do
        if [ "$waited" -ge 90 ]; then
            die "jobs still in the queue 90s after scancel: $(squeue -h -o '%A %T' | tr '\n' ' ')"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "cancelled the jobs still queued or running:" $jobs
}

stop() {
    if running_pid slurmctld "$DIR/run/slurmctld.pid" >/dev/null; then
        cancel_jobs
    fi
    stop_daemon slurmd "$DIR/run/slurmd.pid"
    stop_daemon slurmctld "$DIR/run/slurmctld.pid"
    stop_daemon munged "$DIR/munge/munged.pid"
}

status() {
    local name pidfile pid all=0
    for name in munged slurmctld slurmd; do
        pidfile="$DIR/run/$name.pid"
        [ "$name" = munged ] && pidfile="$DIR/munge/munged.pid"
        if pid=$(running_pid "$name" "$pidfile"); then
            echo "$name: running ($pid)"
        else
            echo "$name: not running"
            all=1
        fi
    done
    if [ "$all" -eq 0 ]; then
        SLURM_CONF="$CONF" sinfo -N -o '%N %c %m %t'
    fi
    return "$all"
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    env) echo "export SLURM_CONF=$CONF" ;;
    *)
        echo "usage: $0 install|start|stop|status|env" >&2
        exit 2
        ;;
esac
