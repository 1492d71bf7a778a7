#!/usr/bin/env bash
# The one place the README's experiment timings come from: the wall time a user sees for
# `dotnet run -- experiments/X.yaml` (build check, fitting, scoring, evaluation and the report included),
# each experiment run once after a warm-up build, on this machine, printed as a markdown table to paste.
#
#   scripts/readme-timings.sh [EXPERIMENT.yaml ...]      (default: the experiments the README times)
#
# Run it on a quiet machine: other jobs on the same cores slow every row (say so when quoting numbers
# measured under load). Results go to a temporary folder, not results/; --force refits (no cached models).
set -euo pipefail
cd "$(dirname "$0")/.."

experiments=("$@")
if (( ${#experiments[@]} == 0 )); then
  experiments=(experiments/quickstart.yaml experiments/ngram-baselines.yaml experiments/svm-pca.yaml
               experiments/strace-sample.yaml experiments/adfa-resplits.yaml experiments/stide-window-sweep.yaml)
fi

output=$(mktemp -d)
trap 'rm -rf "$output"' EXIT
dotnet build SyscallBench.csproj -v quiet -nologo >/dev/null

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "Machine: $cpu, $(nproc) logical cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the first run; $(date -u +%Y-%m-%d)."
echo
echo "| command | wall time (s) |"
echo "|---|---|"
for experiment in "${experiments[@]}"; do
  start=$(date +%s.%N)
  dotnet run -- "$experiment" --force --output "$output" >/dev/null
  end=$(date +%s.%N)
  awk -v e="$experiment" -v s="$start" -v f="$end" 'BEGIN { printf "| `dotnet run -- %s` | %.1f |\n", e, f - s }'
done
