#!/bin/bash
# Builds once, then submits the shard array and the merge job that waits for it.
#
#   EXPERIMENT=experiments/ngram-baselines.yaml SHARDS=8 scripts/slurm/submit.sh
#
# Run from the repository root on a login node whose file system the compute nodes share.
# RESULTS (default results/sharded) receives the shard folders, MERGED (default results) the merged run,
# LOGS (default RESULTS/slurm-logs) the jobs' output: slurm-<array>_<i>.out and slurm-<merge>-merge.out.
# The merge job runs only if every shard succeeds (afterok); after a failure it never starts (squeue
# shows it pending with reason DependencyNeverSatisfied until it is cancelled). Submitting again reuses
# every unit that finished (the shards share RESULTS' cache).
set -euo pipefail

: "${EXPERIMENT:?set EXPERIMENT to the experiment YAML}"
: "${SHARDS:?set SHARDS to the number of shards}"
export EXPERIMENT SHARDS RESULTS="${RESULTS:-results/sharded}"
LOGS="${LOGS:-$RESULTS/slurm-logs}"
# sbatch does not create the output folder; a job whose output cannot be opened fails without a word.
mkdir -p "$LOGS"

# One build before the array: N tasks building the same tree at once would race.
dotnet build SyscallBench.csproj
dotnet run --no-build -- validate "$EXPERIMENT"

array=$(sbatch --parsable --export=ALL --array=1-"$SHARDS" --output="$LOGS/slurm-%A_%a.out" scripts/slurm/array.sbatch)
merge=$(sbatch --parsable --export=ALL --dependency=afterok:"$array" --output="$LOGS/slurm-%j-merge.out" scripts/slurm/merge.sbatch)
echo "submitted shard array $array ($SHARDS shards) and merge job $merge; logs in $LOGS"
echo "watch with: squeue -j $array,$merge"
