#!/usr/bin/env bash
# Start-up and footprint of the Haneul server, as a user meets them:
#   - time from `./haneul start -d` to a healthy server (the command returns only then), RUNS runs,
#     and of that the server's own part: its JVM from spawn to the gateway answering (the "ready in
#     N ms" of its log);
#   - idle RSS of the server after start-up and a few API calls;
#   - time of `./haneul stop`;
#   - CPU time (user + system) of the start and stop commands' own processes (the launcher and the
#     command line's JVM, not the server they spawn), and of the server's JVM when start -d returns:
#     on a busy machine CPU time moves far less with the load than wall-clock time does.
# With BASELINE_CHECKOUT=<another built checkout> (e.g. a clone of an earlier commit, built with
# `./haneul --version`), both are measured in one run, alternating start for start, each with its
# own data dir and port, and the table gets the ratio this/baseline: on a busy machine that ratio
# is the figure to keep, not the absolute times.
# Usage: bench/startup.sh [RUNS]      (default 5; prints the machine's state and a Markdown table)
# Env: HANEUL_PORT (default 45660; the baseline gets the next port), HANEUL_CACHE_DIR (as Haneul's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. bench/common.sh
RUNS="${1:-5}"
PORT="${HANEUL_PORT:-45660}"
CHECKOUTS=("$PWD"); NAMES=(haneul)
if [ -n "${BASELINE_CHECKOUT:-}" ]; then CHECKOUTS+=("$(cd "$BASELINE_CHECKOUT" && pwd)"); NAMES+=(baseline); fi
DIRS=()
for i in "${!CHECKOUTS[@]}"; do DIRS+=("$(mktemp -d /tmp/haneul-bench-startup.XXXXXX)"); done
unset HANEUL_DATA_DIR
haneul_in() { # haneul_in INDEX ARGS...: the checkout's launcher on its own data dir and port
  local i="$1"; shift
  HANEUL_DATA_DIR="${DIRS[$i]}" HANEUL_PORT=$((PORT + i)) "${CHECKOUTS[$i]}/haneul" "$@"
}
cleanup() {
  for i in "${!CHECKOUTS[@]}"; do haneul_in "$i" stop >/dev/null 2>&1 || true; rm -rf "${DIRS[$i]}"; done
  rm -f "${TIMES_FILE:-}"
}
trap cleanup EXIT

for i in "${!CHECKOUTS[@]}"; do
  haneul_in "$i" --version >/dev/null   # build if needed, outside the measurement
  # The first start trains the server's start-up cache (written when it stops) and the command
  # line's (in the background): two rounds, so both caches exist before anything is measured.
  for _ in 1 2; do haneul_in "$i" start -d >/dev/null && haneul_in "$i" stop >/dev/null; done
done
sleep 3   # the command line's cache is trained in the background

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# children_cpu: sets CPU_MS to the CPU milliseconds (user + system) of this shell's finished
# children so far; bash's `times` in this shell, not in a subshell, which would count its own.
TIMES_FILE="$(mktemp /tmp/haneul-bench-times.XXXXXX)"
children_cpu() {
  local user sys
  times > "$TIMES_FILE"
  { read -r _ _; read -r user sys; } < "$TIMES_FILE"
  CPU_MS=$(awk -v u="$user" -v s="$sys" 'function ms(t, m) { split(t, m, /[ms]/); return (m[1] * 60 + m[2]) * 1000 }
    BEGIN { printf "%d", ms(u) + ms(s) }')
}
TICKS=$(getconf CLK_TCK)
declare -A STARTS SERVER RSS STOPS START_CPU SERVER_CPU STOP_CPU
machine_state before
for r in $(seq 1 "$RUNS"); do
  for i in "${!CHECKOUTS[@]}"; do
    log="${DIRS[$i]}/logs/haneul.log"
    children_cpu; c=$CPU_MS; t=$(date +%s%N); haneul_in "$i" start -d >/dev/null; STARTS[$i]+=" $(ms "$t")"
    children_cpu; START_CPU[$i]+=" $((CPU_MS - c))"
    pid=$(sed -n 's/.*"pid" : \([0-9]*\).*/\1/p' "${DIRS[$i]}/server.json")
    SERVER_CPU[$i]+=" $(awk -v t="$TICKS" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$pid/stat")"
    SERVER[$i]+=" $(sed -n 's/.* ready at .* in \([0-9]*\) ms.*/\1/p' "$log" | tail -n1)"
    for _ in 1 2 3; do haneul_in "$i" aws sts get-caller-identity >/dev/null; done
    sleep 2
    RSS[$i]+=" $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")"
    children_cpu; c=$CPU_MS; t=$(date +%s%N); haneul_in "$i" stop >/dev/null; STOPS[$i]+=" $(ms "$t")"
    children_cpu; STOP_CPU[$i]+=" $((CPU_MS - c))"
  done
done
machine_state after

row() { # row LABEL INDEX VALUES...
  local label="$1" i="$2"; shift 2
  read -r med min max < <(stats "$@")
  printf '| %s | %s | %.0f | %.0f..%.0f | %s |\n' "$label" "${NAMES[$i]}" "$med" "$min" "$max" "$RUNS"
}
echo "| measure | checkout | median | range | runs |"
echo "|---|---|---|---|---|"
for i in "${!CHECKOUTS[@]}"; do
  # shellcheck disable=SC2086  # the lists are space-separated numbers
  row "./haneul start -d until healthy (ms)" "$i" ${STARTS[$i]}
  # shellcheck disable=SC2086
  row "of which the server JVM, spawn to ready (ms)" "$i" ${SERVER[$i]}
  # shellcheck disable=SC2086
  row "idle server RSS (MB)" "$i" ${RSS[$i]}
  # shellcheck disable=SC2086
  row "./haneul stop (ms)" "$i" ${STOPS[$i]}
  # shellcheck disable=SC2086
  row "CPU of the start -d command (ms)" "$i" ${START_CPU[$i]}
  # shellcheck disable=SC2086
  row "CPU of the server JVM when healthy (ms)" "$i" ${SERVER_CPU[$i]}
  # shellcheck disable=SC2086
  row "CPU of the stop command (ms)" "$i" ${STOP_CPU[$i]}
done
if [ "${#CHECKOUTS[@]}" -gt 1 ]; then
  # shellcheck disable=SC2086
  a=$(stats ${STARTS[0]} | cut -d' ' -f1); b=$(stats ${STARTS[1]} | cut -d' ' -f1)
  echo
  echo "start -d, median haneul/baseline: $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a/b }')"
fi
