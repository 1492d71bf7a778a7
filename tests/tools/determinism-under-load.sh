#!/usr/bin/env bash
# Runs the LSTM test project (its same-seed tests, and its classes in parallel as in a full test run) N
# times in a row (default 20) with two busy loops keeping both cores loaded; prints one line per run and
# the count that passed. Usage, from the repository root after `dotnet build tests/SyscallBench.Lstm.Tests -c Release`:
#     tests/tools/determinism-under-load.sh [N]
set -uo pipefail
runs="${1:-20}"
for _ in 1 2; do ( while :; do :; done ) & done
trap 'kill $(jobs -p) 2>/dev/null' EXIT
pass=0
for i in $(seq 1 "$runs"); do
  log="$(mktemp)"
  if dotnet test tests/SyscallBench.Lstm.Tests --no-build -c Release \
       --filter "FullyQualifiedName~Determinism|FullyQualifiedName~TorchLoad|FullyQualifiedName~LstmBenchmark|FullyQualifiedName~LstmDetectorTests" > "$log" 2>&1; then
    pass=$((pass + 1))
  fi
  echo "run $i: $(grep -E 'Passed!|Failed!' "$log") load=$(cut -d' ' -f1 /proc/loadavg)"
  rm -f "$log"
done
echo "passed $pass of $runs"
