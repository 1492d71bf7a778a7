#!/usr/bin/env bash
# Peak memory of a run on one long single-line trace (issue #18: 1 GB, 333 million calls, took 18.9 GB).
#   scripts/long-trace-memory.sh CALLS train|test [DETECTOR_TYPE]
# Writes a trace folder in a temporary folder: one trace of CALLS syscall numbers on one line (two digits and a
# space each, 3 bytes a call) as the training trace ("train") or as the test attack ("test"), beside small
# traces of 10,000 calls; runs stide with window 3 (or DETECTOR_TYPE with its defaults) on it with the built CLI
# (dotnet build SyscallBench.csproj first) under /usr/bin/time -v, and prints the peak resident memory per call.
set -euo pipefail
calls=${1:?usage: $0 CALLS train|test [DETECTOR_TYPE]}
role=${2:?usage: $0 CALLS train|test [DETECTOR_TYPE]}
detector=${3:-stide}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/traces"

# A million random two-digit calls, repeated: the file's content does not matter to memory, its length does.
python3 - "$work/traces" "$calls" "$role" <<'PY'
import random, sys
folder, calls, role = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(18)
def small(name, n):
    with open(f"{folder}/{name}", "w") as f:
        f.write(" ".join(str(rng.randint(10, 40)) for _ in range(n)) + "\n")
block = (" ".join(str(rng.randint(10, 40)) for _ in range(1_000_000)) + " ").encode()
with open(f"{folder}/long.txt", "wb") as f:
    for _ in range(calls // 1_000_000):
        f.write(block)
    f.write(block[: 3 * (calls % 1_000_000)])
    f.write(b"\n")
for name in ["train-1.txt", "train-2.txt", "normal-1.txt", "normal-2.txt", "attack-1.txt"]:
    small(name, 10_000)
rows = ["file,split,label,family"]
rows += ["long.txt,train,normal," if role == "train" else "long.txt,test,attack,long"]
rows += ["train-1.txt,train,normal,", "train-2.txt,train,normal,", "normal-1.txt,test,normal,", "normal-2.txt,test,normal,"]
rows += ["attack-1.txt,test,attack,short"]
open(f"{folder}/labels.csv", "w").write("\n".join(rows) + "\n")
PY

params=""
[[ $detector == stide ]] && params=", params: {window_length: 3}"
cat > "$work/long-trace.yaml" <<YAML
name: long-trace
dataset: {type: trace-folder, params: {path: traces, format: numbers}}
detectors:
  - {name: $detector, type: $detector$params}
YAML

bytes=$(stat -c %s "$work/traces/long.txt")
cd "$repo"
/usr/bin/time -v -o "$work/time.txt" dotnet run --no-build -- "$work/long-trace.yaml" --output "$work/results" > "$work/run.txt" 2>&1 \
  || { cat "$work/run.txt"; exit 1; }
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
echo "long trace: $calls calls ($bytes bytes) as $role; $detector; peak resident $((peak_kb / 1024)) MB" \
  "= $(awk -v k="$peak_kb" -v c="$calls" 'BEGIN { printf "%.2f", k * 1024 / c }') bytes per call; wall $wall"
