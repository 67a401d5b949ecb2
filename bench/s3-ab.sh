#!/usr/bin/env bash
# Two Haneul builds side by side on S3 (A/B), for a busy machine where one run's throughput says
# little: both servers run at once, and each round drives one then the other (the order swapping
# every round) with the same client, dev.haneul.bench.S3HttpBench. Besides throughput, each line
# gives the server's CPU time (from /proc) per GiB of the large object and per small request,
# which the load of other processes disturbs far less.
# Usage: bench/s3-ab.sh OLD_CLASSPATH NEW_CLASSPATH [ROUNDS=3] [LARGE_MB=256] [SMALL_COUNT=1000]
#   a class path is a Haneul server's (cli/target/classpath.txt with cli/target/haneul-cli.jar);
#   LARGE_MB=0 for the small objects only; THREADS=4 as bench/s3.sh; BENCH_CP=… the client's class path when already built.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/common.sh
OLD_CP="$1"; NEW_CP="$2"; ROUNDS="${3:-3}"; LARGE_MB="${4:-256}"; SMALL="${5:-1000}"
THREADS="${THREADS:-4}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
WORK="$(mktemp -d /tmp/haneul-bench-s3ab.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done   # gone before their data dirs go
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -n "${BENCH_CP:-}" ]]; then   # the client's class path, already built
  CP="$BENCH_CP"
else
  ./mvnw -q -B -o -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
  CP="bench/target/classes:$(cat bench/target/classpath.txt)"
fi
drive() { "$JAVA_HOME/bin/java" -cp "$CP" dev.haneul.bench.S3HttpBench --threads "$THREADS" "$@"; }

# start NAME CLASSPATH: a server on a free port with its own data dir; sets PORT_<NAME> and PID_<NAME>.
start() {
  local name="$1" cp="$2" port
  port=$(free_port)
  HANEUL_PORT="$port" HANEUL_DATA_DIR="$WORK/$name" "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms16m \
    --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -cp "$cp" dev.haneul.server.Main \
    >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  printf -v "PID_$name" '%s' "$!"
  printf -v "PORT_$name" '%s' "$port"
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.2
  done
  echo "the $name server did not start; see $WORK/$name.log" >&2
  exit 1
}
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$1/stat"; }

start old "$OLD_CP"
start new "$NEW_CP"
head -c "$((LARGE_MB * 1024 * 1024))" /dev/urandom > "$WORK/large.bin"

# one NAME ROUND: a line of figures for one build in one round.
one() {
  local name="$1" round="$2" pid port c0 c1 c2 large small
  pid="PID_$name"; pid="${!pid}"; port="PORT_$name"; port="${!port}"
  c0=$(cpu_seconds "$pid")
  large=""
  if (( LARGE_MB > 0 )); then
    large=$(drive --endpoint "http://127.0.0.1:$port" --bucket "large$round" --large-file "$WORK/large.bin" --small 0)
  fi
  c1=$(cpu_seconds "$pid")
  small=$(drive --endpoint "http://127.0.0.1:$port" --bucket "small$round" --small "$SMALL")
  c2=$(cpu_seconds "$pid")
  v() { awk -v k="$1" '$1 == k { print $2 }' <<<"$large"$'\n'"$small"; }
  awk -v n="$name" -v r="$round" -v lp="$(v large_put)" -v lg="$(v large_get)" -v sp="$(v small_put)" \
      -v sg="$(v small_get)" -v sl="$(v small_list_keys)" -v c0="$c0" -v c1="$c1" -v c2="$c2" \
      -v mb="$LARGE_MB" -v count="$SMALL" 'BEGIN {
        printf "| %d | %s | %s | %s | %s | %s | %s | %.2f | %.3f |\n", r, n, lp, lg, sp, sg, sl,
          (mb > 0 ? (c1 - c0) / (mb / 1024) : 0), (c2 - c1) * 1000 / (2 * count) }'
}

machine_state before
echo
echo "| round | build | ${LARGE_MB} MiB PUT (MB/s) | GET (MB/s) | 4 KiB PUT (req/s) | GET (req/s) | LIST (keys/s) | server CPU s per GiB (PUT+GET) | server CPU ms per small PUT/GET |"
echo "|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then one old "$round"; one new "$round"; else one new "$round"; one old "$round"; fi
done
echo
machine_state after
