#!/usr/bin/env bash
# The recorder benchmark (README, "Recording"): what capturing costs the traced program, and how many events per
# second the recorder takes without losing any. Run as root from the repository root:
#
#   tools/record-bench/run.sh [ROUNDS] [REPEATS]
#
# 1. Overhead: the fixed workload (workload.c: ROUNDS rounds of file, process and network calls on 127.0.0.1,
#    default 10000) runs bare, under `strace -f`, under `record` with the ring-buffer engine and under `record`
#    with the bpftrace engine, REPEATS times each in turn (default 5); the times compared are the workload's own
#    wall time (it prints it), medians, as ratios to bare measured in this one run.
# 2. Loss-free rate: the paced workload makes getppid calls at rising rates for 3 s each under `record` (both
#    engines); the table gives the events per second recorded and the events lost at each rate.
#
# Prints markdown tables and the machine's state (load average) so numbers measured on a busy machine say so.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=${1:-10000}
repeats=${2:-5}
[[ $(id -u) == 0 ]] || { echo "run as root (record needs eBPF and cgroups)" >&2; exit 1; }
command -v gcc >/dev/null || { echo "gcc not found: apt-get install -y gcc" >&2; exit 1; }
command -v strace >/dev/null || { echo "strace not found: apt-get install -y strace" >&2; exit 1; }

scratch=$(mktemp -d /tmp/record-bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
gcc -O2 -Wall -o "$scratch/workload" tools/record-bench/workload.c
dotnet build SyscallBench.csproj -v quiet -nologo >/dev/null
# The built tool itself: `dotnet run` would add its MSBuild evaluation, whose worker processes can still be busy
# while the traced workload runs.
record() { dotnet bin/Release/net10.0/syscallbench.dll record "$@"; }

# The workload's own elapsed time, from its last "elapsed_s=" line on standard error.
elapsed() { grep -o 'elapsed_s=[0-9.]*' "$1" | tail -1 | cut -d= -f2; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
json_field() { unzip -p "$1" "$(basename "$1" .zip).json" | python3 -c "import json,sys; print(json.load(sys.stdin)['recorder']['$2'])"; }

echo "machine: $(nproc) cores, $(uname -r), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A times
for ((r = 1; r <= repeats; r++)); do
    "$scratch/workload" mix "$rounds" 2>"$scratch/bare.err"
    times[bare]+="$(elapsed "$scratch/bare.err") "
    strace -f -o /dev/null "$scratch/workload" mix "$rounds" 2>"$scratch/strace.err"
    times[strace]+="$(elapsed "$scratch/strace.err") "
    for engine in ring-buffer bpftrace; do
        out="$scratch/mix-$engine-$r.zip"
        record "$out" --engine "$engine" -- "$scratch/workload" mix "$rounds" 2>"$scratch/$engine.err"
        times[$engine]+="$(elapsed "$scratch/$engine.err") "
        lost[$r]=$(json_field "$out" lost_events)
        echo "repeat $r, $engine: $(json_field "$out" events) events, $(json_field "$out" lost_events) lost" >&2
        rm -f "$out"
    done
done

bare=$(echo "${times[bare]}" | tr ' ' '\n' | grep . | median)
echo
echo "| run ($rounds rounds, median of $repeats) | workload time (s) | ratio to bare |"
echo "|---|---|---|"
for run in bare strace ring-buffer bpftrace; do
    t=$(echo "${times[$run]}" | tr ' ' '\n' | grep . | median)
    label=$run
    [[ $run == strace ]] && label="strace -f"
    [[ $run == ring-buffer || $run == bpftrace ]] && label="record --engine $run"
    printf '| %s | %.3f | %.2fx |\n' "$label" "$t" "$(echo "$t / $bare" | bc -l)"
done

echo
echo "| engine | calls/s asked | events/s recorded | events lost |"
echo "|---|---|---|---|"
for engine in ring-buffer bpftrace; do
    for calls in 50000 100000 250000 500000 1000000 2000000; do
        out="$scratch/rate-$engine-$calls.zip"
        record "$out" --engine "$engine" -- "$scratch/workload" rate "$calls" 3 2>"$scratch/rate.err"
        events=$(json_field "$out" events)
        lost=$(json_field "$out" lost_events)
        seconds=$(elapsed "$scratch/rate.err")
        printf '| %s | %d | %.0f | %d |\n' "$engine" "$calls" "$(echo "$events / $seconds" | bc -l)" "$lost"
        rm -f "$out"
    done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
