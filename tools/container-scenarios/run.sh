#!/usr/bin/env bash
# Records the container scenarios into a LID-DS 2021 scenario folder (datasets/container-sample/ was made with it).
# Run as root from the repository root:
#
#   tools/container-scenarios/run.sh OUT_DIR
#
# Each recording: a "container" (its own cgroup, and pid, mount, uts, ipc and network namespaces made with unshare)
# runs the victim service (victim_server.py on its own 127.0.0.1:8080); normal users (normal_client.py) use it
# from outside the cgroup for a warm-up, then `record --cgroup` captures the container for DURATION seconds. In
# attack recordings one attack (attack.py) starts at a random time, written to the recording's JSON as
# time.exploit: reverse_shell, download_execute, exfiltration, brute_force, read_secrets, miner. Everything stays
# on the container's loopback and in its own /tmp and /srv; the /etc/shadow it reads is a decoy mounted over the
# host's inside its mount namespace.
#
# Settings (environment): SEED (1), TRAINING (60), VALIDATION (20), TEST_NORMAL (40), TEST_ATTACK (40),
# DURATION (8 s), WARMUP (2 s), RATE (requests per second of the normal users, 4), ATTACKS (the kinds, cycled).
# The plan (which recording is which, attack times, client seeds) depends on SEED only.
# SYSCALLBENCH_TOOL: a folder holding a built syscallbench.dll to use instead of building the repository (the CI test).
# LIVE_SCORE: arguments of `score` (e.g. "--model RUN/models/stide-6 --window-seconds 1 --calibrate FOLDER"); when set,
# each recording's container is also scored live, `record - --cgroup ... | score LIVE_SCORE --format jsonl -`, and
# every line it prints is kept, with the Unix time it arrived, in LIVE_OUT/NAME.jsonl (LIVE_OUT: OUT_DIR.live).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

out=${1:?usage: run.sh OUT_DIR}
seed=${SEED:-1}
duration=${DURATION:-8}
warmup=${WARMUP:-2}
rate=${RATE:-4}
attacks=${ATTACKS:-reverse_shell download_execute exfiltration brute_force read_secrets miner}
[[ $(id -u) == 0 ]] || { echo "run as root (cgroups, namespaces, eBPF)" >&2; exit 1; }
[[ -e $out ]] && { echo "$out exists; choose a new folder" >&2; exit 1; }
for tool in python3 unshare nsenter tar; do
    command -v $tool >/dev/null || { echo "$tool not found" >&2; exit 1; }
done
cgroup2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[[ -n $cgroup2 ]] || { echo "no cgroup2 file system is mounted (see /proc/mounts)" >&2; exit 1; }

# Ends every process in the cgroups below $1, then removes them and $1.
remove_cgroups() {
    for cg in "$1"/*/; do
        [[ -d $cg ]] || continue
        echo 1 > "$cg/cgroup.kill" 2>/dev/null || true
        for _ in $(seq 50); do grep -q 'populated 0' "$cg/cgroup.events" 2>/dev/null && break; sleep 0.1; done
        rmdir "$cg" 2>/dev/null || true
    done
    rmdir "$1" 2>/dev/null || true
}
# A run killed with SIGKILL (a timeout's kill -9) cannot clean up after itself: its cgroups and scratch folder carry
# its pid, and the next run removes those of runs no longer alive.
for stale in "$cgroup2"/syscallbench-scenarios-* /var/tmp/container-scenarios.*; do
    [[ -d $stale ]] || continue
    pid=${stale##*scenarios-}; pid=${pid##*scenarios.}; pid=${pid%%.*}
    [[ $pid =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2>/dev/null || continue
    if [[ $stale == "$cgroup2"/* ]]; then remove_cgroups "$stale"; else rm -rf "$stale"; fi
done

scratch=$(mktemp -d "/var/tmp/container-scenarios.$$.XXXXXX")
# A private copy of the built tool: a rebuild while the dataset is being recorded cannot change it halfway.
if [[ -n ${SYSCALLBENCH_TOOL:-} ]]; then
    [[ -f $SYSCALLBENCH_TOOL/syscallbench.dll ]] || { echo "SYSCALLBENCH_TOOL=$SYSCALLBENCH_TOOL holds no syscallbench.dll" >&2; exit 1; }
    cp -r "$SYSCALLBENCH_TOOL" "$scratch/tool"
else
    dotnet build SyscallBench.csproj -v quiet -nologo >/dev/null
    cp -r bin/Release/net10.0 "$scratch/tool"
fi
record=(dotnet "$scratch/tool/syscallbench.dll" record)
live_out=${LIVE_OUT:-$out.live}
[[ -n ${LIVE_SCORE:-} ]] && mkdir -p "$live_out"
version=$(git describe --always --dirty 2>/dev/null || echo unknown)

cgroups="$cgroup2/syscallbench-scenarios-$$"
# Users and attackers run in a cgroup of their own too (LID-DS's other containers): not recorded, and ended with
# everything else when the script stops, whatever way it stops.
others="$cgroups/others"
mkdir -p "$others" "$out"/{training,validation,test/normal,test/normal_and_attack}
# Starts a command in the background in a cgroup (the shell moves itself in, then execs the command, keeping its
# pid): $started is its pid.
start_in_cgroup() { sh -c 'echo $$ > "$0/cgroup.procs"; exec "$@"' "$@" & started=$!; }
cleanup() {
    remove_cgroups "$cgroups"
    rm -rf "$scratch"
}
trap cleanup EXIT

# The victim's files: pages cut from the licenses every Debian has, a data folder to steal, decoy secrets.
mkdir -p "$scratch/data/pages" "$scratch/data/customers" "$scratch/decoy"
for i in $(seq 0 19); do head -c $(((i + 1) * 1500)) /usr/share/common-licenses/GPL-3 > "$scratch/data/pages/$i"; done
for i in $(seq 1 30); do printf 'customer-%d,%s,card-%04d\n' "$i" "name$i@example.org" "$i" > "$scratch/data/customers/$i.csv"; done
printf 'root:$6$decoy$notarealhash:19000:0:99999:7:::\nalice:$6$decoy$alsofake:19000:0:99999:7:::\n' > "$scratch/decoy/shadow"
chmod 640 "$scratch/decoy/shadow"

# The plan: split, attack kind (or normal), attack time after the recording's start, client seed.
plan=$(python3 - "$seed" "${TRAINING:-60}" "${VALIDATION:-20}" "${TEST_NORMAL:-40}" "${TEST_ATTACK:-40}" "$duration" $attacks <<'PLAN'
import random, sys
seed, training, validation, normal, attack, duration = map(float, sys.argv[1:7])
kinds = sys.argv[7:]
rng = random.Random(int(seed))
runs = [("training", "normal")] * int(training) + [("validation", "normal")] * int(validation) \
    + [("test/normal", "normal")] * int(normal) + [("test/normal_and_attack", kinds[i % len(kinds)]) for i in range(int(attack))]
for index, (split, kind) in enumerate(runs, 1):
    at = rng.uniform(2.0, duration - 3.0) if kind != "normal" else 0
    print(index, split, kind, "%.3f" % at, rng.randrange(1 << 30))
PLAN
)

wait_for() { # seconds, command...: true once the command succeeds
    local until=$((SECONDS + $1)); shift
    until "$@" 2>/dev/null; do ((SECONDS < until)) || return 1; sleep 0.05; done
}
port_open() { nsenter --net="/proc/$1/ns/net" python3 -c "import socket; socket.create_connection(('127.0.0.1', 8080), 1).close()"; }

echo "$plan" | while read -r index split kind at client_seed; do
    name=$(printf 'victim-http-%04d' "$index")
    cg="$cgroups/$name"
    mkdir "$cg"
    log="$scratch/$name.exploits"
    : > "$log"
    # The container: a shell moves itself into the cgroup, then unshare makes the namespaces and starts pid 1.
    start_in_cgroup "$cg" unshare --pid --fork --mount-proc --uts --ipc --net --mount --propagation private \
        sh "$here/container_init.sh" "$here" "$scratch"
    container=$started
    wait_for 30 port_open "$container" || { echo "$name: the victim service did not start" >&2; exit 1; }
    ready=$(date +%s.%N)
    start_in_cgroup "$others" nsenter --net="/proc/$container/ns/net" python3 "$here/normal_client.py" 8080 "$client_seed" "$rate"
    client=$started
    sleep "$warmup"
    exploit=()
    [[ $kind != normal ]] && exploit=(--exploit-name "$kind")
    "${record[@]}" "$out/$split/$name.zip" --cgroup "$cg" --duration "$duration" --image victim-http --container-ip 127.0.0.1 \
        --container-ready "$ready" --exploit-log "$log" "${exploit[@]}" 2> "$scratch/record.err" & recorder=$!
    live=
    if [[ -n ${LIVE_SCORE:-} ]]; then
        # A second recorder streams the container's .sc lines to score; each printed line gets its arrival time.
        # shellcheck disable=SC2086 # LIVE_SCORE is a list of arguments
        { "${record[@]}" - --cgroup "$cg" --duration "$duration" 2> "$scratch/live-record.err" \
            | dotnet "$scratch/tool/syscallbench.dll" score $LIVE_SCORE --format jsonl - 2> "$live_out/$name.err" \
            | python3 -u -c 'import sys, time
for line in sys.stdin: print("%.6f %s" % (time.time(), line), end="", flush=True)' > "$live_out/$name.jsonl"; } & live=$!
    fi
    wait_for 60 grep -q '^recording ' "$scratch/record.err" || { cat "$scratch/record.err" >&2; exit 1; }
    attacker=
    if [[ $kind != normal ]]; then
        sleep "$at"
        echo "$(date +%s.%N) $kind" >> "$log"
        left=$(python3 -c "print(max(1.0, $duration - $at))")
        start_in_cgroup "$others" nsenter --net="/proc/$container/ns/net" python3 "$here/attack.py" "$kind" 8080 9001 "$left"
        attacker=$started
    fi
    wait "$recorder" || { cat "$scratch/record.err" >&2; exit 1; }
    if [[ -n $live ]]; then
        wait "$live" || { cat "$scratch/live-record.err" "$live_out/$name.err" >&2; exit 1; }
    fi
    grep -E '^recorded|warning' "$scratch/record.err" | sed "s|^|$split/$name ($kind): |"
    echo 1 > "$others/cgroup.kill"
    wait $client $attacker 2>/dev/null || true
    echo 1 > "$cg/cgroup.kill"
    wait "$container" 2>/dev/null || true
    wait_for 10 grep -q 'populated 0' "$cg/cgroup.events"
    rmdir "$cg"
done
echo "recorded with syscallbench $version, seed $seed, into $out"
