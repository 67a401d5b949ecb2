#!/usr/bin/env bash
# ElastiCache (Redis) data plane, as a user meets it:
#   1. redis-benchmark -t set,get -n REQUESTS -c CLIENTS, at -P 1 and -P 16, against
#        direct   the replication group's redis-server itself (127.0.0.1:<engine port>),
#        haproxy  HAProxy in TCP mode in front of that same redis-server (one server, no checks),
#        haneul   the group's primary endpoint (<address>:6379, Haneul's TCP proxy),
#      alternating per round, ROUNDS rounds after a warm-up, as ../shared/bench/redis-proxy-peers.sh
#      does; prints medians with min..max and the ratios haneul/direct and haneul/haproxy.
#   2. failover time, FAILOVERS times: SIGKILL of the primary's redis-server until the first SET
#      acknowledged through the primary endpoint (redis-cli in a busy loop), in a 2-node group with
#      automatic failover; waits for the old primary to rejoin as a replica between runs.
# Usage: bench/elasticache-redis.sh
# Env (defaults): REQUESTS=100000 CLIENTS=50 PIPELINES="1 16" ROUNDS=3 TESTS=set,get FAILOVERS=3
#                 (the whole run in under 3 minutes on a quiet machine)
#                 HANEUL_PORT=45661 HANEUL_ADDRESS_RANGE=127.11.0.0/16
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REQUESTS=${REQUESTS:-100000}; CLIENTS=${CLIENTS:-50}; PIPELINES=${PIPELINES:-"1 16"}
ROUNDS=${ROUNDS:-3}; TESTS=${TESTS:-set,get}; FAILOVERS=${FAILOVERS:-3}
export HANEUL_DATA_DIR="$(mktemp -d /tmp/haneul-bench-elasticache.XXXXXX)"
export HANEUL_PORT="${HANEUL_PORT:-45661}"
export HANEUL_ADDRESS_RANGE="${HANEUL_ADDRESS_RANGE:-127.11.0.0/16}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
case "${1:-}" in -h|--help) sed -n '2,17p' "$0"; exit 0 ;; esac
for tool in redis-benchmark redis-cli haproxy aws; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: redis-tools, haproxy, awscli)" >&2; exit 1; }
done
WORK="$HANEUL_DATA_DIR/bench"; mkdir -p "$WORK"
HAPROXY_PID=""
cleanup() {
  [ -n "$HAPROXY_PID" ] && kill "$HAPROXY_PID" 2>/dev/null || true
  ./haneul stop >/dev/null 2>&1 || true
  rm -rf "$HANEUL_DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

AWS=(aws --endpoint-url "http://127.0.0.1:$HANEUL_PORT" --output text)
ENGINES="$HANEUL_DATA_DIR/engines/elasticache/000000000000-us-east-1"
. bench/common.sh   # the script runs from the project root (cd above)
describe() { "${AWS[@]}" elasticache describe-replication-groups --replication-group-id "$1" --query "$2"; }
wait_available() {
  for _ in $(seq 1 300); do [ "$(describe "$1" 'ReplicationGroups[0].Status')" = available ] && return 0; sleep 0.2; done
  echo "replication group $1 did not become available" >&2; exit 1
}

./haneul start -d >/dev/null
echo "haneul: $(./haneul --version 2>/dev/null | head -1), data dir $HANEUL_DATA_DIR"

# ---------- 1. throughput: one node, three ways in ----------
"${AWS[@]}" elasticache create-replication-group --replication-group-id bench \
  --replication-group-description "benchmark" --num-cache-clusters 1 >/dev/null
wait_available bench
read -r EP_HOST EP_PORT < <(describe bench 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.[Address,Port]')
ENGINE_PORT=$(awk '$1 == "port" {print $2}' "$ENGINES/bench-001/redis.conf")
start_haproxy_tcp redis "$ENGINE_PORT" "$WORK"
NAMES=(direct haproxy haneul); HOSTS=(127.0.0.1 127.0.0.1 "$EP_HOST"); PORTS=("$ENGINE_PORT" "$HAPROXY_PORT" "$EP_PORT")
redis-cli -h 127.0.0.1 -p "$ENGINE_PORT" set bench:probe ok >/dev/null
for i in "${!NAMES[@]}"; do
  for _ in $(seq 1 100); do
    [ "$(redis-cli -h "${HOSTS[$i]}" -p "${PORTS[$i]}" get bench:probe 2>/dev/null)" = ok ] && break; sleep 0.1
  done
  echo "  ${NAMES[$i]}: ${HOSTS[$i]}:${PORTS[$i]}"
done
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), $(haproxy -v | head -1 | cut -d' ' -f1-3)"

TSV="$WORK/runs.tsv"
run_rb() {  # run_rb <pipeline> <idx> <n> -> lines "TEST rps p50 p99"
  local out
  out=$(timeout 300 redis-benchmark -h "${HOSTS[$2]}" -p "${PORTS[$2]}" -t "$TESTS" -n "$3" -c "$CLIENTS" -P "$1" --csv 2>/dev/null) || true
  awk -F, 'NR>1 && NF>=7 { for (i=1; i<=NF; i++) gsub(/"/, "", $i); print $1, $2, $5, $7 }' <<<"$out"
}
echo "redis-benchmark -t $TESTS -n $REQUESTS -c $CLIENTS, pipelines: $PIPELINES, $ROUNDS rounds alternating"
machine_state before
for P in $PIPELINES; do
  for i in "${!NAMES[@]}"; do run_rb "$P" "$i" $(( REQUESTS / 4 )) >/dev/null; done   # warm-up (the JIT, too)
  for r in $(seq 1 "$ROUNDS"); do
    for i in "${!NAMES[@]}"; do
      while read -r t rps p50 p99; do
        [ -n "$t" ] || continue
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$P" "${NAMES[$i]}" "$r" "$rps" "$p50" "$p99" >> "$TSV"
        printf '  %-4s P=%-3s %-8s round %s: %11s rps  p50 %6s ms  p99 %6s ms\n' "$t" "$P" "${NAMES[$i]}" "$r" "$rps" "$p50" "$p99"
      done < <(run_rb "$P" "$i" "$REQUESTS")
      sleep 1
    done
  done
done

col() { awk -F'\t' -v t="$1" -v p="$2" -v c="$3" -v k="$4" '$1==t && $2==p && $3==c {print $k}' "$TSV"; }
machine_state after
echo "| test | -P | contender | rps median [min..max] | p50 ms | p99 ms | vs direct | vs haproxy |"
echo "|---|---|---|---|---|---|---|---|"
declare -A MED
for P in $PIPELINES; do
  for t in $(tr ',' ' ' <<<"${TESTS^^}"); do
    for c in "${NAMES[@]}"; do
      # shellcheck disable=SC2046
      read -r m mn mx < <(stats $(col "$t" "$P" "$c" 5)); MED[$c]=$m
      read -r p50 _ _ < <(stats $(col "$t" "$P" "$c" 6)); read -r p99 _ _ < <(stats $(col "$t" "$P" "$c" 7))
      vd=$(awk -v a="$m" -v b="${MED[direct]}" 'BEGIN{ printf "%.3f", a/b }')
      vh=$([ "$c" = direct ] && echo "" || awk -v a="$m" -v b="${MED[haproxy]}" 'BEGIN{ printf "%.3f", a/b }')
      printf '| %s | %s | %s | %.0f [%.0f..%.0f] | %s | %s | %s | %s |\n' "$t" "$P" "$c" "$m" "$mn" "$mx" "$p50" "$p99" "$vd" "$vh"
    done
  done
done

# ---------- 2. failover time ----------
"${AWS[@]}" elasticache create-replication-group --replication-group-id failover \
  --replication-group-description "failover benchmark" --num-cache-clusters 2 --automatic-failover-enabled >/dev/null
wait_available failover
read -r FO_HOST FO_PORT < <(describe failover 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.[Address,Port]')
times=()
for n in $(seq 1 "$FAILOVERS"); do
  primary=$(describe failover "ReplicationGroups[0].NodeGroups[0].NodeGroupMembers[?CurrentRole=='primary'].CacheClusterId")
  pid=$(cat "$ENGINES/$primary/redis.pid")
  redis-cli -h "$FO_HOST" -p "$FO_PORT" set failover:before "$n" >/dev/null
  t0=$(now_ms)
  kill -9 "$pid"
  until [ "$(redis-cli -h "$FO_HOST" -p "$FO_PORT" set failover:after "$n" 2>/dev/null)" = OK ]; do :; done
  t1=$(now_ms)
  times+=($(( t1 - t0 )))
  echo "  failover $n: killed $primary (pid $pid); first SET through the primary endpoint after $(( t1 - t0 )) ms"
  # Wait until the old primary is back as a replica with its link up before the next kill.
  old_port=$(awk '$1 == "port" {print $2}' "$ENGINES/$primary/redis.conf")
  for _ in $(seq 1 300); do
    redis-cli -h 127.0.0.1 -p "$old_port" info replication 2>/dev/null | grep -q 'master_link_status:up' && break; sleep 0.1
  done
done
read -r fm fmin fmax < <(stats "${times[@]}")
echo
echo "| failover (kill -9 primary → first SET through the primary endpoint) | median ms | min..max ms | runs |"
echo "|---|---|---|---|"
printf '| 2-node group, automatic failover | %.0f | %.0f..%.0f | %s |\n' "$fm" "$fmin" "$fmax" "$FAILOVERS"
