#!/bin/bash
# Builds once, then submits the shard array and the merge job that waits for it.
#
#   EXPERIMENT=experiments/ngram-baselines.yaml SHARDS=8 scripts/slurm/submit.sh
#
# Run from the repository root on a login node whose file system the compute nodes share.
set -euo pipefail

: "${EXPERIMENT:?set EXPERIMENT to the experiment YAML}"
: "${SHARDS:?set SHARDS to the number of shards}"
export EXPERIMENT SHARDS RESULTS="${RESULTS:-results/sharded}"

# One build before the array: N tasks building the same tree at once would race.
dotnet build SyscallBench.csproj
dotnet run --no-build -- validate "$EXPERIMENT"

array=$(sbatch --parsable --export=ALL --array=1-"$SHARDS" scripts/slurm/array.sbatch)
sbatch --export=ALL --dependency=afterok:"$array" scripts/slurm/merge.sbatch
echo "submitted shard array $array ($SHARDS shards) and its merge job"
