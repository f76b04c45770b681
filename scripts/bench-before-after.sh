#!/usr/bin/env bash
# Issue 9's before/after: the benchmark medians of two trees, one JVM per workload, alternating.
#
#   scripts/bench-before-after.sh OLD_TREE [ROUNDS] [EXTRA_W5_ROUNDS] > before-after.txt
#
# OLD_TREE is a checkout of the tree before the change (e.g. `git worktree add ../old ce820b0`),
# built by its own ./node4j on first use; this tree is the one the script lives in. Each round runs
# W1, W2, W3, W4 and W5 at depths 64 and 256 (--no-memory, the four variants in one JVM, as trees
# without --variant do) in OLD_TREE and then here; EXTRA_W5_ROUNDS more rounds run W5 at depth 64
# alone. One line per workload and tree: round, tree (old/new), workload, median ms, first loss.
# Run it on an idle machine: nothing else may share the cores.
set -euo pipefail
old="$(cd "${1:?usage: $0 OLD_TREE [ROUNDS] [EXTRA_W5_ROUNDS]}" && pwd -P)"
rounds="${2:-3}"
extra="${3:-6}"
new="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

run() { # round label tree workload...
  local round="$1" label="$2" tree="$3"
  shift 3
  (cd "$tree" && ./node4j bench "$@" --json 2>/dev/null) | python3 -c "
import json, sys
for r in json.load(sys.stdin)['workloads']:
    print('$round', '$label', r['id'], round(r['timing']['medianMs'], 2), r.get('firstLoss'))"
}

for round in $(seq 1 "$rounds"); do
  for w in W1 W2 W3 W4 "W5 --depth 64 --no-memory" "W5 --depth 256 --no-memory"; do
    # shellcheck disable=SC2086 # the workload's options are separate words
    run "$round" old "$old" $w
    # shellcheck disable=SC2086
    run "$round" new "$new" $w
  done
done
for round in $(seq $((rounds + 1)) $((rounds + extra))); do
  run "$round" old "$old" W5 --depth 64 --no-memory
  run "$round" new "$new" W5 --depth 64 --no-memory
done
