#!/usr/bin/env bash
# alb-vs-haproxy.sh - Haneul's Application Load Balancer (lb_cookie stickiness) as the third
# contender of the shared HTTP load-balancer peer benchmark (../shared/bench/http-lb-peers.sh):
# direct to one nginx backend, HAProxy with cookie insert, and Haneul, alternating in one run, with
# keep-alive and with Connection: close.
#
# What it does:
#   1. starts a Haneul server of this checkout on a private data dir, port and address range;
#   2. through the AWS CLI: creates an ALB, an ip target group with stickiness.type=lb_cookie and
#      an HTTP listener on port 80 (8080 when port 80 cannot be bound);
#   3. runs http-lb-peers.sh with BACKEND_PORTS fixed, EXTRA_LB_URL = the listener's URL, and
#      EXTRA_SETUP_CMD registering the three nginx backends, waiting for target-in-service, then
#      warming Haneul's JIT with HANEUL_WARMUP_S (default 15) seconds of wrk load, as a server that
#      has been up for a while is (HAProxy and nginx, being C, need no warm-up);
#   4. stops Haneul and prints, from the peer script's raw TSV, one table per scenario with every
#      contender's req/s median [min..max], p50 and p99, and the ratios that matter: req/s vs
#      direct, req/s vs HAProxy, p99 vs HAProxy's p99; with the machine's load before and after
#      ("quiet" when the 1-minute load average is below the core count).
#
# Usage:  bench/alb-vs-haproxy.sh            (env as http-lb-peers.sh: ROUNDS, DURATION, CONNS, ...)
#   defaults here: ROUNDS=3 DURATION=6 (the whole run in under 3 minutes), HANEUL_WARMUP_S=15
#   HANEUL_ADDRESS_RANGE=127.66.0.0/16  HANEUL_PORT (default: a free port)
#   BASELINE_CHECKOUT=/path   also run the Haneul of another checkout (built, e.g. a clone of the
#                        commit before a change) as a fourth contender "baseline", alternating with
#                        the others in the same run, on BASELINE_ADDRESS_RANGE (default: the /16
#                        after HANEUL_ADDRESS_RANGE)
#   PEERS_SCRIPT=path    http-lb-peers.sh (default: shared/bench/http-lb-peers.sh found above this checkout)
#   HANEUL_JAVA_OPTS=... JVM options of the Haneul server
#                        (default: -Xms256m -Xmx512m -Dio.netty.leakDetection.level=disabled)
#   HANEUL_WARMUP_S=15   seconds of wrk load on Haneul before measuring
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
find_peers() {
  local dir="$HERE"
  while [ "$dir" != / ]; do
    [ -x "$dir/shared/bench/http-lb-peers.sh" ] && { echo "$dir/shared/bench/http-lb-peers.sh"; return 0; }
    dir="$(dirname "$dir")"
  done
  return 1
}
PEERS_SCRIPT="${PEERS_SCRIPT:-$(find_peers || true)}"
[ -x "$PEERS_SCRIPT" ] || { echo "http-lb-peers.sh not found; set PEERS_SCRIPT" >&2; exit 2; }

. "$HERE/bench/common.sh"
WORK="$(mktemp -d /tmp/haneul-alb-bench.XXXXXX)"
# Three rounds of 6 s per contender and scenario, so that the whole run stays under 3 minutes.
export ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-6}"
export HANEUL_JAVA_OPTS="${HANEUL_JAVA_OPTS:--Xms256m -Xmx512m -Dio.netty.leakDetection.level=disabled}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
RANGE="${HANEUL_ADDRESS_RANGE:-127.66.0.0/16}"
# Contenders beyond direct and HAProxy: this checkout ("haneul"), and BASELINE_CHECKOUT (another
# checkout of Haneul, built, e.g. the commit before a change) as "baseline" on the next /16.
CHECKOUTS=("$HERE"); NAMES=(haneul)
if [ -n "${BASELINE_CHECKOUT:-}" ]; then CHECKOUTS+=("$BASELINE_CHECKOUT"); NAMES+=(baseline); fi
cleanup() {
  local i
  for i in "${!CHECKOUTS[@]}"; do
    HANEUL_DATA_DIR="$WORK/data$i" HANEUL_PORT="${PORTS[$i]:-0}" "${CHECKOUTS[$i]}/haneul" stop >/dev/null 2>&1 || true
    grep -E ' (WARN|ERROR) ' "$WORK/data$i/logs/haneul.log" 2>/dev/null | tail -20 | sed "s/^/${NAMES[$i]} log: /" || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Backend ports below the ephemeral range, as http-lb-peers.sh picks them.
BACKEND_PORTS="$((20000 + RANDOM % 5000)),$((25000 + RANDOM % 2000)),$((27000 + RANDOM % 2000))"
PORTS=(); URLS=(); SETUP="set -e"
for i in "${!CHECKOUTS[@]}"; do
  PORTS[$i]=$([ "$i" = 0 ] && [ -n "${HANEUL_PORT:-}" ] && echo "$HANEUL_PORT" || free_port)
  if [ "$i" = 0 ]; then range="$RANGE"
  else octets=${RANGE%%.0.0/*}; range="${BASELINE_ADDRESS_RANGE:-${octets%.*}.$(( ${octets#*.} + 1 )).0.0/16}"; fi
  endpoint="http://127.0.0.1:${PORTS[$i]}"
  HANEUL_DATA_DIR="$WORK/data$i" HANEUL_PORT="${PORTS[$i]}" HANEUL_ADDRESS_RANGE="$range" \
    "${CHECKOUTS[$i]}/haneul" start -d >/dev/null
  aws() { command aws --endpoint-url "$endpoint" "$@"; }
  LB=$(aws elbv2 create-load-balancer --name bench --subnets subnet-0a000001 subnet-0b000002 \
    --query 'LoadBalancers[0].LoadBalancerArn' --output text)
  TG=$(aws elbv2 create-target-group --name bench --protocol HTTP --port 80 --target-type ip --vpc-id vpc-0c000003 \
    --health-check-interval-seconds 5 --health-check-timeout-seconds 2 --query 'TargetGroups[0].TargetGroupArn' --output text)
  aws elbv2 modify-target-group-attributes --target-group-arn "$TG" \
    --attributes Key=stickiness.enabled,Value=true Key=stickiness.type,Value=lb_cookie >/dev/null
  PORT=$(aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port 80 \
    --default-actions "Type=forward,TargetGroupArn=$TG" --query 'Listeners[0].Port' --output text)
  DNS=$(aws elbv2 describe-load-balancers --load-balancer-arns "$LB" --query 'LoadBalancers[0].DNSName' --output text)
  URLS[$i]="http://$DNS:$PORT/"
  echo "${NAMES[$i]} ALB: ${URLS[$i]} (Haneul of ${CHECKOUTS[$i]} at $endpoint)"
  SETUP="$SETUP; for hp in \${BACKEND_HOSTPORTS//,/ }; do
    command aws --endpoint-url $endpoint elbv2 register-targets --target-group-arn $TG --targets Id=\${hp%:*},Port=\${hp#*:}; done
    command aws --endpoint-url $endpoint elbv2 wait target-in-service --target-group-arn $TG
    wrk -t1 -c32 -d${HANEUL_WARMUP_S:-15}s ${URLS[$i]} >/dev/null"
done
EXTRA_ARGS=()
for i in "${!CHECKOUTS[@]}"; do EXTRA_ARGS+=(--extra "${NAMES[$i]}=${URLS[$i]}"); done

machine_state before
BACKEND_PORTS="$BACKEND_PORTS" EXTRA_SETUP_CMD="$SETUP" "$PEERS_SCRIPT" "${EXTRA_ARGS[@]}" | tee "$WORK/peers.out"
machine_state after

# ---------- the ratios against direct and HAProxy, per scenario ----------
TSV=$(sed -n 's/^raw: //p' "$WORK/peers.out" | tail -1)
[ -f "$TSV" ] || { echo "no raw TSV from $PEERS_SCRIPT" >&2; exit 1; }
col() { awk -F'\t' -v s="$1" -v c="$2" -v k="$3" 'NR>1 && $1==s && $2==c {print $k}' "$TSV"; }
echo
echo "| scenario | contender | req/s median [min..max] | p50 ms | p99 ms | req/s vs direct | req/s vs HAProxy | p99 vs HAProxy |"
echo "|---|---|---|---|---|---|---|---|"
for sc in $(awk -F'\t' 'NR>1 {print $1}' "$TSV" | uniq); do
  declare -A MED=() P99=()
  for c in direct haproxy "${NAMES[@]}"; do
    # shellcheck disable=SC2046
    read -r m mn mx < <(stats $(col "$sc" "$c" 4)); MED[$c]=$m
    read -r p50 _ _ < <(stats $(col "$sc" "$c" 5)); read -r p99 _ _ < <(stats $(col "$sc" "$c" 6)); P99[$c]=$p99
    vd=$(awk -v a="$m" -v b="${MED[direct]}" 'BEGIN { printf "%.3f", a / b }')
    vh=""; pv=""
    if [ "$c" != direct ] && [ "$c" != haproxy ]; then
      vh=$(awk -v a="$m" -v b="${MED[haproxy]}" 'BEGIN { printf "**%.3f**", a / b }')
      pv=$(awk -v a="$p99" -v b="${P99[haproxy]}" 'BEGIN { printf "**%.2f**", a / b }')
    elif [ "$c" = haproxy ]; then vh="1.000"; pv="1.00"; fi
    printf '| %s | %s | %.0f [%.0f..%.0f] | %s | %s | %s | %s | %s |\n' "$sc" "$c" "$m" "$mn" "$mx" "$p50" "$p99" "$vd" "$vh" "$pv"
  done
done
