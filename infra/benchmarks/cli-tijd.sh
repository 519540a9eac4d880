#!/usr/bin/env bash
# Wall time of the local CLI as a user feels it: `./termijnwacht bereken` and `./termijnwacht demo`, each a fresh
# process through the launcher. Prints median / minimum / maximum per checkout; with more than one checkout the
# runs are interleaved, so a busy moment of the machine hits all of them alike.
#
#   infra/benchmarks/cli-tijd.sh                               # this checkout: 15 × bereken, 3 × demo
#   infra/benchmarks/cli-tijd.sh --runs 31 --demo-runs 0       # bereken only
#   infra/benchmarks/cli-tijd.sh . /tmp/vorige                 # side by side with another checkout (git worktree add /tmp/vorige REF)
#
# Each checkout's launcher builds its jar and AOT cache first (once, not timed).
set -euo pipefail
# Train each start cache before the timed runs, in the foreground: a training in the background would overlap them.
export TERMIJNWACHT_AOT=voorgrond
runs=15
demo_runs=3
dirs=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --demo-runs) demo_runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) dirs+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
[[ ${#dirs[@]} -gt 0 ]] || dirs=("$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)")
unset AWS_ENDPOINT_URL
BEREKEN=(bereken --procedure regulier --ontvangen 2025-02-21)

# seconds with millisecond precision for one command, output discarded
tijd() {
  local begin eind
  begin=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "mislukt: $*" >&2; exit 1; }
  eind=$(date +%s%N)
  echo $(( (eind - begin) / 1000000 ))
}

# median, min, max of milliseconds given as arguments
samenvatting() {
  printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
    printf "median %.3f s  min %.3f s  max %.3f s  (n=%d)", m/1000, v[1]/1000, v[NR]/1000, NR}'
}

# build and AOT caches first, untimed
for d in "${dirs[@]}"; do
  "$d/termijnwacht" "${BEREKEN[@]}" >/dev/null
  [[ $demo_runs -gt 0 ]] && "$d/termijnwacht" demo >/dev/null 2>&1
done

declare -A bereken demo
for ((i = 0; i < runs; i++)); do
  for d in "${dirs[@]}"; do bereken[$d]+="$(tijd "$d/termijnwacht" "${BEREKEN[@]}") "; done
done
for ((i = 0; i < demo_runs; i++)); do
  for d in "${dirs[@]}"; do demo[$d]+="$(tijd "$d/termijnwacht" demo) "; done
done

for d in "${dirs[@]}"; do
  echo "$d"
  # shellcheck disable=SC2086
  echo "  bereken  $(samenvatting ${bereken[$d]})"
  # shellcheck disable=SC2086
  [[ $demo_runs -gt 0 ]] && echo "  demo     $(samenvatting ${demo[$d]})"
done
