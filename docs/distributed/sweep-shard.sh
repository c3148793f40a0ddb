#!/usr/bin/env bash
# Runs one shard of a tradeoff sweep, or merges the shards, on any machine that shares a results
# folder with the others. The Kubernetes Indexed Job (sweep-job.yaml) and the Slurm array
# (sweep-array.sbatch) call this script, and so does the test that checks 16 local shards merge
# into exactly the unsharded sweep (scenarios: DistributedSweepScriptTest).
#
#   sweep-shard.sh run   SWEEP-ARGS...   one shard: tradeoff sweep SWEEP-ARGS --shard INDEX/COUNT
#   sweep-shard.sh merge                 the final step: tradeoff merge of every shard folder
#
# Environment:
#   SHARD_INDEX  this shard, 0-based (run only; from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)
#   SHARD_COUNT  how many shards the sweep is split into (both steps)
#   RESULTS      the shared folder: shard i writes RESULTS/shard-i, merge writes RESULTS/merged
#   TRADEOFF     the command to run (default: tradeoff), e.g. "java -jar /opt/tradeoff.jar"
# Exit status: tradeoff's (0 every run valid, 1 one invalid, 2 one unknown, 64 bad input).
set -euo pipefail

usage() {
  echo "usage: sweep-shard.sh run SWEEP-ARGS... | sweep-shard.sh merge (see the header)" >&2
  exit 64
}

require() {
  if [ -z "${!1:-}" ]; then
    echo "sweep-shard.sh: $1 is not set" >&2
    exit 64
  fi
}

[ $# -ge 1 ] || usage
step="$1"
shift
require SHARD_COUNT
require RESULTS
read -r -a tradeoff <<<"${TRADEOFF:-tradeoff}"
# One sweep per machine: a resident JVM (docs/resident.md) would only warm up and wait.
export TRADEOFF_RESIDENT="${TRADEOFF_RESIDENT:-off}"

case "$step" in
  run)
    require SHARD_INDEX
    [ $# -ge 1 ] || usage
    exec "${tradeoff[@]}" sweep "$@" --shard "$SHARD_INDEX/$SHARD_COUNT" \
      --out "$RESULTS/shard-$SHARD_INDEX" --no-progress
    ;;
  merge)
    shards=()
    for ((i = 0; i < SHARD_COUNT; i++)); do
      shards+=("$RESULTS/shard-$i")
    done
    exec "${tradeoff[@]}" merge "${shards[@]}" --out "$RESULTS/merged"
    ;;
  *)
    usage
    ;;
esac
