#!/usr/bin/env bash
# alb-waf.sh - what AWS WAF costs an ALB: the same backend behind two ALBs of one Haneul server,
# one with a web ACL of AWSManagedRulesCommonRuleSet + AWSManagedRulesSQLiRuleSet +
# AWSManagedRulesKnownBadInputsRuleSet associated, one without, measured with wrk in alternating
# rounds (so both see the same machine). The issue's targets: req/s with WAF >= 0.8x without, p99
# <= 1.5x.
#
# What it does:
#   1. starts a Haneul server of this checkout on a private data dir, port and address range;
#   2. starts an HAProxy answering 200 "ok" itself on a free port (the backend: fast, so what is
#      measured is the ALB and the WAF);
#   3. through the AWS CLI: three ALBs (bench-plain, bench-waf, bench-empty) with a listener each
#      forwarding to the backend; the web ACL associated with bench-waf, and a web ACL without rules
#      with bench-empty (what the seam and the inspection record cost, the rules aside);
#   4. warms both up (HANEUL_WARMUP_S, default 15 s each), then ROUNDS (default 3) rounds of wrk
#      (DURATION s, CONNS connections, THREADS threads) on each, alternating; a request looks like
#      a browser's (User-Agent, Accept, a query string), so every rule inspects something;
#   5. stops everything and prints req/s median [min..max], p50, p99 per contender and the ratios,
#      with the machine's load before and after.
#
# Usage:  bench/alb-waf.sh
#   ROUNDS=3 DURATION=10 CONNS=32 THREADS=2 HANEUL_WARMUP_S=15
#   HANEUL_ADDRESS_RANGE=127.67.0.0/16  HANEUL_PORT (default: a free port)
#   HANEUL_JAVA_OPTS=... (default: -Xms256m -Xmx512m -Dio.netty.leakDetection.level=disabled)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$HERE/bench/common.sh"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-10}" CONNS="${CONNS:-32}" THREADS="${THREADS:-2}"
WORK="$(mktemp -d /tmp/haneul-waf-bench.XXXXXX)"
export HANEUL_JAVA_OPTS="${HANEUL_JAVA_OPTS:--Xms256m -Xmx512m -Dio.netty.leakDetection.level=disabled}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
export HANEUL_DATA_DIR="$WORK/data" HANEUL_PORT="${HANEUL_PORT:-$(free_port)}"
export HANEUL_ADDRESS_RANGE="${HANEUL_ADDRESS_RANGE:-127.67.0.0/16}"
HAPROXY_PID=""
cleanup() {
  [ -n "$HAPROXY_PID" ] && kill "$HAPROXY_PID" 2>/dev/null || true
  "$HERE/haneul" stop >/dev/null 2>&1 || true
  grep -E ' (WARN|ERROR) ' "$WORK/data/logs/haneul.log" 2>/dev/null | tail -20 | sed 's/^/haneul log: /' || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---------- the backend: HAProxy answering by itself ----------
BACKEND_PORT=$(free_port)
cat > "$WORK/backend.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend backend
  bind 127.0.0.1:$BACKEND_PORT
  http-request return status 200 content-type text/plain string "ok"
EOF
haproxy -f "$WORK/backend.cfg" -db >/dev/null 2>&1 &
HAPROXY_PID=$!

# ---------- Haneul, two ALBs, the web ACL ----------
"$HERE/haneul" start -d >/dev/null
endpoint="http://127.0.0.1:$HANEUL_PORT"
aws() { command /usr/bin/aws --endpoint-url "$endpoint" "$@"; }
alb() {
  local name=$1 lb tg port dns
  lb=$(aws elbv2 create-load-balancer --name "$name" --subnets subnet-0a000001 subnet-0b000002 \
    --query 'LoadBalancers[0].LoadBalancerArn' --output text)
  tg=$(aws elbv2 create-target-group --name "$name" --protocol HTTP --port 80 --target-type ip --vpc-id vpc-0c000003 \
    --health-check-interval-seconds 5 --health-check-timeout-seconds 2 --query 'TargetGroups[0].TargetGroupArn' --output text)
  aws elbv2 register-targets --target-group-arn "$tg" --targets "Id=127.0.0.1,Port=$BACKEND_PORT" >/dev/null
  port=$(aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port 80 \
    --default-actions "Type=forward,TargetGroupArn=$tg" --query 'Listeners[0].Port' --output text)
  aws elbv2 wait target-in-service --target-group-arn "$tg"
  dns=$(aws elbv2 describe-load-balancers --load-balancer-arns "$lb" --query 'LoadBalancers[0].DNSName' --output text)
  echo "$lb http://$dns:$port"
}
read -r _ PLAIN_URL < <(alb bench-plain)
read -r WAF_LB WAF_URL < <(alb bench-waf)
read -r EMPTY_LB EMPTY_URL < <(alb bench-empty)
cat > "$WORK/rules.json" <<'EOF'
[
  {"Name": "common", "Priority": 0, "OverrideAction": {"None": {}},
   "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}},
   "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "common"}},
  {"Name": "sqli", "Priority": 1, "OverrideAction": {"None": {}},
   "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}},
   "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "sqli"}},
  {"Name": "known-bad-inputs", "Priority": 2, "OverrideAction": {"None": {}},
   "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesKnownBadInputsRuleSet"}},
   "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "kbi"}}
]
EOF
ACL=$(aws wafv2 create-web-acl --name bench --scope REGIONAL --default-action Allow={} --rules "file://$WORK/rules.json" \
  --visibility-config SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=bench \
  --query 'Summary.ARN' --output text)
aws wafv2 associate-web-acl --web-acl-arn "$ACL" --resource-arn "$WAF_LB"
# A web ACL without rules: what the seam and the request's record cost, the rules aside.
EMPTY=$(aws wafv2 create-web-acl --name bench-empty --scope REGIONAL --default-action Allow={} \
  --visibility-config SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=bench-empty \
  --query 'Summary.ARN' --output text)
aws wafv2 associate-web-acl --web-acl-arn "$EMPTY" --resource-arn "$EMPTY_LB"
echo "without WAF: $PLAIN_URL   with WAF: $WAF_URL (web ACL $ACL)   with an empty web ACL: $EMPTY_URL"

PATH_Q="/products?category=books&sort=price-asc&page=2"
HEADERS=(-H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0" -H "Accept: text/html,application/json"
         -H "Cookie: session=0123456789abcdef")
code=$(curl -s -o /dev/null -w '%{http_code}' "$WAF_URL/?id=1%27%20OR%201=1--")
[ "$code" = 403 ] || { echo "the web ACL does not block (got $code for an SQL injection)" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "${HEADERS[@]}" "$WAF_URL$PATH_Q")
[ "$code" = 200 ] || { echo "the web ACL blocks the benchmark's request (got $code)" >&2; exit 1; }

run_wrk() { # url seconds -> "req/s p50ms p99ms"
  wrk -t"$THREADS" -c"$CONNS" -d"$2"s --latency "${HEADERS[@]}" "$1$PATH_Q" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    END { printf "%s %.3f %.3f\n", rps, p50, p99 }'
}
echo "warming up ${HANEUL_WARMUP_S:-15} s each"
run_wrk "$PLAIN_URL" "${HANEUL_WARMUP_S:-15}" >/dev/null
run_wrk "$WAF_URL" "${HANEUL_WARMUP_S:-15}" >/dev/null
run_wrk "$EMPTY_URL" "${HANEUL_WARMUP_S:-15}" >/dev/null

machine_state before
declare -A RPS=() P50=() P99=()
for round in $(seq 1 "$ROUNDS"); do
  for c in plain empty waf; do
    url=$PLAIN_URL; [ "$c" = waf ] && url=$WAF_URL; [ "$c" = empty ] && url=$EMPTY_URL
    read -r r p5 p9 < <(run_wrk "$url" "$DURATION")
    echo "round $round $c: $r req/s, p50 $p5 ms, p99 $p9 ms"
    RPS[$c]="${RPS[$c]:-} $r"; P50[$c]="${P50[$c]:-} $p5"; P99[$c]="${P99[$c]:-} $p9"
  done
done
machine_state after

echo
echo "| contender | req/s median [min..max] | p50 ms | p99 ms |"
echo "|---|---|---|---|"
declare -A MED=() M99=()
for c in plain empty waf; do
  # shellcheck disable=SC2086
  read -r m mn mx < <(stats ${RPS[$c]}); MED[$c]=$m
  # shellcheck disable=SC2086
  read -r p5 _ _ < <(stats ${P50[$c]})
  # shellcheck disable=SC2086
  read -r p9 _ _ < <(stats ${P99[$c]}); M99[$c]=$p9
  label="ALB without WAF"; [ "$c" = waf ] && label="ALB + WAF (Common, SQLi, KnownBadInputs)"
  [ "$c" = empty ] && label="ALB + a web ACL without rules"
  printf '| %s | %.0f [%.0f..%.0f] | %s | %s |\n' "$label" "$m" "$mn" "$mx" "$p5" "$p9"
done
awk -v a="${MED[waf]}" -v b="${MED[plain]}" -v p="${M99[waf]}" -v q="${M99[plain]}" -v e="${MED[empty]}" 'BEGIN {
  printf "\nreq/s with WAF / without: %.3f (target >= 0.8); p99 with WAF / without: %.2f (target <= 1.5);", a / b, p / q
  printf " req/s with an empty web ACL / without: %.3f\n", e / b }'
