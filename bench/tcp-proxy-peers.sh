#!/usr/bin/env bash
# tcp-proxy-peers.sh - measure Haneul's TcpProxy next to HAProxy and a direct connection with the
# shared peer scripts (redis-proxy-peers.sh, mysql-proxy-peers.sh).
#
# What it does:
#   * builds the bench module (and core) and writes its runtime class path
#   * for each of $WHICH: starts TcpProxyMain on 127.0.0.1 and a free port (it writes the port to a
#     file) in front of the peer script's server port, runs the peer script with it as the extra
#     contender "haneul", stops it; the proxy starts before the server, which is fine: it connects
#     per client connection, and the peer script waits until the contender answers
#   * prints each peer script's output (kept in $OUT_DIR) and, last, haneul/haproxy per key ratio
#   * JIT warm-up: HAProxy is native code, the proxy a fresh JVM. Through the peer scripts'
#     EXTRA_SETUP_CMD (run once the server is up, before any measurement) it first sends a few seconds
#     of the same load through the haneul proxy only (redis-benchmark / sysbench). JIT_WARMUP=0 skips it.
#
# Usage:  bench/tcp-proxy-peers.sh
# Env (defaults):  WHICH="redis mysql"  REDIS_PORT=26379  MYSQL_PORT=23306
#   PROXY_THREADS=n    I/O threads of the proxy (default: the runtime's, one per core, as HAProxy's
#                      default nbthread; on this 2-core machine 1 and 2 each won some runs, see README.md)
#   PROXY_TRANSPORT=epoll|nio   (default: epoll when available)
#   PROXY_JAVA_OPTS    extra JVM options for TcpProxyMain (e.g. -XX:+FlightRecorder ...)
#   JAVA_HOME          JDK 21+ (default /usr/lib/jvm/temurin-25-jdk-amd64 if it exists)
#   PEERS_DIR          where the peer scripts are (default /work/shared/bench)
#   OUT_DIR            logs (default /tmp/peerbench/haneul)
#   SKIP_BUILD=1       reuse the last build
#   plus every knob of the peer scripts (ROUNDS, REQUESTS, DURATION, ...), passed through; defaults
#   here REQUESTS=100000 DURATION=4 (the peer scripts' own: 200000 and 10), so that both peers run
#   in about 3 minutes on a quiet machine after the build (SKIP_BUILD=1 to reuse it).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WHICH=${WHICH:-"redis mysql"}
PROXY_THREADS=${PROXY_THREADS:-}; JIT_WARMUP=${JIT_WARMUP:-1}
REDIS_PORT=${REDIS_PORT:-26379}; MYSQL_PORT=${MYSQL_PORT:-23306}
PEERS_DIR=${PEERS_DIR:-/work/shared/bench}
OUT_DIR=${OUT_DIR:-/tmp/peerbench/haneul}
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
export JAVA_HOME
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
mkdir -p "$OUT_DIR"
export REQUESTS=${REQUESTS:-100000} DURATION=${DURATION:-4}
. "$ROOT/bench/common.sh"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building bench ..."
  (cd "$ROOT" && ./mvnw -q -B -pl bench -am package -DskipTests dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"

PROXY_PID=
stop_proxy() {
  [ -n "$PROXY_PID" ] || return 0
  kill -TERM "$PROXY_PID" 2>/dev/null || true
  wait "$PROXY_PID" 2>/dev/null || true
  PROXY_PID=
}
trap stop_proxy EXIT
trap 'exit 130' INT TERM

start_proxy() {  # start_proxy <name> <backend port> -> PROXY_PORT
  local port_file="$OUT_DIR/$1.port" args=() i
  rm -f "$port_file"
  [ -n "${PROXY_THREADS:-}" ] && args+=(--threads "$PROXY_THREADS")
  [ -n "${PROXY_TRANSPORT:-}" ] && args+=(--transport "$PROXY_TRANSPORT")
  # shellcheck disable=SC2086
  "$JAVA" ${PROXY_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -cp "$CP" dev.haneul.bench.TcpProxyMain \
      --name "bench/$1" --listen 127.0.0.1:0 --backend "127.0.0.1:$2" --port-file "$port_file" "${args[@]}" \
      >"$OUT_DIR/$1-proxy.log" 2>&1 &
  PROXY_PID=$!
  for i in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.1; done
  [ -s "$port_file" ] || { echo "TcpProxyMain did not start:" >&2; cat "$OUT_DIR/$1-proxy.log" >&2; exit 1; }
  PROXY_PORT=$(cat "$port_file")
  echo "haneul proxy: 127.0.0.1:$PROXY_PORT -> 127.0.0.1:$2 (pid $PROXY_PID, log $OUT_DIR/$1-proxy.log)"
}

# haneul_vs_haproxy <RATIO line>: "RATIO ... T:haproxy/direct=a T:haneul/direct=b ..." -> "T haneul/haproxy=b/a"
haneul_vs_haproxy() {
  tr ' ' '\n' <<<"$1" | awk -F'[:=]' '
    /:haproxy\/direct=/ { h[$1] = $3; order[++n] = $1 }
    /:haneul\/direct=/  { e[$1] = $3 }
    END { for (i = 1; i <= n; i++) { t = order[i]
            printf "%s haneul/haproxy=%s  ", t, (h[t] > 0 && e[t] != "") ? sprintf("%.3f", e[t] / h[t]) : "n/a" }
          print "" }'
}

with_warmup() {  # with_warmup <command>: the caller's EXTRA_SETUP_CMD, then the JIT warm-up
  local cmd=${EXTRA_SETUP_CMD:-}
  [ "$JIT_WARMUP" = 1 ] && cmd="${cmd:+$cmd; }echo 'JIT warm-up through the haneul proxy ...'; $1"
  printf '%s' "$cmd"
}

SUMMARY=()
machine_state before
for which in $WHICH; do
  case "$which" in
    redis)
      start_proxy redis "$REDIS_PORT"
      warm="redis-benchmark -h 127.0.0.1 -p $PROXY_PORT -t set,get -n 150000 -c 50 -q >/dev/null 2>&1"
      REDIS_PORT=$REDIS_PORT EXTRA_REDIS_NAME=haneul EXTRA_REDIS_HOSTPORT=127.0.0.1:$PROXY_PORT \
        EXTRA_SETUP_CMD=$(with_warmup "$warm") \
        "$PEERS_DIR/redis-proxy-peers.sh" | tee "$OUT_DIR/redis-peers.log" ;;
    mysql)
      start_proxy mysql "$MYSQL_PORT"
      warm="sysbench oltp_point_select --mysql-host=127.0.0.1 --mysql-port=$PROXY_PORT --mysql-user=sbtest"
      warm+=" --mysql-password=sbtest --mysql-db=sbtest --tables=${TABLES:-4} --table-size=${TABLE_SIZE:-20000}"
      warm+=" --db-driver=mysql --threads=8 --time=3 run >/dev/null 2>&1"
      MYSQL_PORT=$MYSQL_PORT EXTRA_MYSQL_NAME=haneul EXTRA_MYSQL_HOSTPORT=127.0.0.1:$PROXY_PORT \
        EXTRA_SETUP_CMD=$(with_warmup "$warm") \
        "$PEERS_DIR/mysql-proxy-peers.sh" | tee "$OUT_DIR/mysql-peers.log" ;;
    *) echo "WHICH: unknown '$which' (expected: redis, mysql)" >&2; exit 2 ;;
  esac
  stop_proxy
  grep -E 'stopping' "$OUT_DIR/$which-proxy.log" | tail -1 || true
  ratio=$(tail -1 "$OUT_DIR/$which-peers.log")
  SUMMARY+=("$ratio" "  -> $(haneul_vs_haproxy "$ratio")")
done

machine_state after
echo
echo "SUMMARY haneul TcpProxy vs peers (threads=${PROXY_THREADS:-one per core}, transport=${PROXY_TRANSPORT:-default}, JIT warm-up=$JIT_WARMUP)"
printf '%s\n' "${SUMMARY[@]}"
