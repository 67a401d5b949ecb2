#!/usr/bin/env bash
# Start-up and footprint of the Haneul server, as a user meets them:
#   - time from `./haneul start -d` to a healthy server (the command returns only then), N runs;
#   - idle RSS of the server after start-up and a few API calls;
#   - time of `./haneul stop`.
# Usage: bench/startup.sh [RUNS]      (default 5; prints a Markdown table)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-5}"
export HANEUL_DATA_DIR="$(mktemp -d /tmp/haneul-bench-startup.XXXXXX)"
export HANEUL_PORT="${HANEUL_PORT:-45660}"
trap './haneul stop >/dev/null 2>&1 || true; rm -rf "$HANEUL_DATA_DIR"' EXIT

./haneul --version >/dev/null   # build if needed, outside the measurement
./haneul start -d >/dev/null && ./haneul stop >/dev/null   # first run writes the class-data-sharing archive

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
starts=(); stops=(); rss=()
for i in $(seq 1 "$RUNS"); do
  t=$(date +%s%N); ./haneul start -d >/dev/null; starts+=("$(ms "$t")")
  for _ in 1 2 3; do ./haneul aws sts get-caller-identity >/dev/null; done
  sleep 2
  pid=$(sed -n 's/.*"pid" : \([0-9]*\).*/\1/p' "$HANEUL_DATA_DIR/server.json")
  rss+=("$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")")
  t=$(date +%s%N); ./haneul stop >/dev/null; stops+=("$(ms "$t")")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { printf '%s\n' "$@" | sort -n | awk 'NR==1{min=$1} {max=$1} END {print min ".." max}'; }
echo "| measure | median | range | runs |"
echo "|---|---|---|---|"
echo "| ./haneul start -d until healthy (ms) | $(median "${starts[@]}") | $(range "${starts[@]}") | $RUNS |"
echo "| idle server RSS (MB) | $(median "${rss[@]}") | $(range "${rss[@]}") | $RUNS |"
echo "| ./haneul stop (ms) | $(median "${stops[@]}") | $(range "${stops[@]}") | $RUNS |"
