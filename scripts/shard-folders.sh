# Finds the shard folders of sharded runs and merges each run's shards: sourced by
# scripts/slurm/merge.sbatch and the merge Job of scripts/kubernetes/indexed-job.yaml (run from the
# repository root), so both group folders the same way.
#
# A shard folder is RESULTS/<experiment>/<stamp>-<random>[-<dataset>]-shard-i-of-N. An experiment with
# a `datasets:` list writes one folder per dataset per shard, and each dataset is a run of its own: its
# N shards are merged together, never with another dataset's. So folders are grouped by experiment
# folder and dataset, and each group is merged on its own.
#
#   shard_scan RESULTS N   fills SHARD_GROUPS (sorted "<experiment folder>:<dataset>"; the dataset is
#                          empty for a single-dataset run) and SHARD_NEWEST["<group>|i"]
#   shard_missing          prints one line per group lacking a shard index; nothing when all complete
#   shard_merge OUTPUT     runs one `merge` per group, each from its newest folder per shard index

# Run ids start with the UTC start time (yyyyMMdd-HHmmss) and a 6-character random part: 22 characters.
SHARD_RUN_ID_PREFIX=22

shard_scan() {
    local results=$1 count=$2 folder name rest index dataset group key
    SHARDS_OF=$count
    SHARD_GROUPS=()
    unset SHARD_NEWEST
    declare -gA SHARD_NEWEST=()
    local -A seen=()
    for folder in "$results"/*/*-shard-*-of-"$count"; do
        [ -d "$folder" ] || continue
        name=${folder##*/}
        rest=${name%-shard-*-of-"$count"}
        index=${name#"$rest"-shard-}
        index=${index%-of-"$count"}
        [[ $index =~ ^[0-9]+$ ]] || continue
        dataset=${rest:$SHARD_RUN_ID_PREFIX}
        group="${folder%/*}:${dataset#-}"
        key="$group|$index"
        # Of several attempts at one shard, the greater run id is the later (an older, failed attempt
        # leaves no committed folder at all).
        if [ -z "${SHARD_NEWEST[$key]:-}" ] || [[ "$name" > "${SHARD_NEWEST[$key]##*/}" ]]; then
            SHARD_NEWEST[$key]=$folder
        fi
        if [ -z "${seen[$group]:-}" ]; then
            seen[$group]=1
            SHARD_GROUPS+=("$group")
        fi
    done
    if [ "${#SHARD_GROUPS[@]}" -gt 0 ]; then
        mapfile -t SHARD_GROUPS < <(printf '%s\n' "${SHARD_GROUPS[@]}" | sort)
    fi
}

# "results/sharded/x (dataset adfa-ld)", or just the experiment folder for a single-dataset run.
shard_label() {
    local dataset=${1##*:}
    echo "${1%:*}${dataset:+ (dataset $dataset)}"
}

shard_missing() {
    local group i
    for group in "${SHARD_GROUPS[@]}"; do
        for i in $(seq 1 "$SHARDS_OF"); do
            if [ -z "${SHARD_NEWEST[$group|$i]:-}" ]; then
                echo "$(shard_label "$group"): no folder for shard $i/$SHARDS_OF"
            fi
        done
    done
}

shard_merge() {
    local output=$1 group i folders
    for group in "${SHARD_GROUPS[@]}"; do
        folders=()
        for i in $(seq 1 "$SHARDS_OF"); do
            folders+=("${SHARD_NEWEST[$group|$i]}")
        done
        echo "merging $(shard_label "$group"): ${folders[*]}"
        dotnet run --no-build -- merge "${folders[@]}" --output "$output"
    done
}
