#!/usr/bin/env bash
# profile-alb.sh - where an ALB request's time goes: async-profiler (Java + JVM + kernel frames)
# on Haneul's ALB under the keep-alive scenario of alb-vs-haproxy.sh (wrk -t1 -c32, lb_cookie
# stickiness, three nginx backends), plus the thread layout against the cores.
#
# What it does:
#   1. starts one nginx with three 100-byte backends (the peer script's configuration) and a Haneul
#      server of this checkout on a private data dir; creates the ALB through the AWS CLI;
#   2. warms the JIT (WARMUP_S of wrk load), then runs wrk DURATION seconds three times:
#        cpu    async-profiler event=cpu (perf events: Java, JVM and kernel frames) -> OUT/alb-cpu.svg
#        alloc  async-profiler event=alloc, total bytes -> OUT/alb-alloc.svg and bytes per request
#        plain  no profiler: CPU seconds per thread of Haneul, wrk and nginx from /proc, young GCs
#   3. prints a summary (req/s and p99 of each run, bytes allocated per request, CPU per thread
#      group) and writes it to OUT/alb-profile.txt.
# async-profiler comes from Maven Central (tools.profiler:async-profiler:4.2, classifier linux-x64),
# fetched into ~/.m2 by ./mvnw when missing. SVGs are drawn by bench/flamegraph.py.
#
# Usage:  bench/profile-alb.sh            Env (defaults): OUT=docs/perf DURATION=15 WARMUP_S=20 CONNS=32
#         HANEUL_PORT=45670 HANEUL_ADDRESS_RANGE=127.67.0.0/16 HANEUL_JAVA_OPTS (as alb-vs-haproxy.sh)
#         TAG=""  suffix of the output files (e.g. TAG=-before); the folded stacks stay in /tmp/alb-{cpu,alloc}$TAG.collapsed
#         SCENARIO=keepalive|close   close: every wrk request carries Connection: close (a new client
#                                    connection per request), as alb-vs-haproxy.sh's close scenario
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
case "${1:-}" in -h|--help) sed -n '2,20p' "$0"; exit 0 ;; esac
OUT="${OUT:-docs/perf}"; SCENARIO=${SCENARIO:-keepalive}; DURATION=${DURATION:-15}; WARMUP_S=${WARMUP_S:-20}; CONNS=${CONNS:-32}; TAG=${TAG:-}
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
AP_VERSION=4.2
AP_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar"
[ -f "$AP_JAR" ] || ./mvnw -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64" >/dev/null
case "$SCENARIO" in keepalive) WRK_ARGS=() ;; close) WRK_ARGS=(-H 'Connection: close') ;;
  *) echo "SCENARIO: keepalive or close" >&2; exit 2 ;; esac
for tool in nginx wrk aws python3; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

. bench/common.sh
WORK="$(mktemp -d /tmp/haneul-alb-profile.XXXXXX)"
export HANEUL_DATA_DIR="$WORK/data" HANEUL_PORT="${HANEUL_PORT:-45670}" HANEUL_ADDRESS_RANGE="${HANEUL_ADDRESS_RANGE:-127.67.0.0/16}"
export HANEUL_JAVA_OPTS="${HANEUL_JAVA_OPTS:--Xms256m -Xmx512m -Dio.netty.leakDetection.level=disabled}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
NGINX_PID=""
cleanup() {
  ./haneul stop >/dev/null 2>&1 || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT" "$WORK/ap" "$WORK/nginx/tmp"
(cd "$WORK/ap" && unzip -q -o "$AP_JAR")
LIB="$WORK/ap/linux-x64/libasyncProfiler.so"

# ---------- backends: the peer script's nginx ----------
BP=("$(free_port)" "$(free_port)" "$(free_port)")
{
  echo "worker_processes 1; daemon off; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log warn;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off; keepalive_requests 1000000; keepalive_timeout 65s; default_type text/plain;"
  echo "  client_body_temp_path $WORK/nginx/tmp/body; proxy_temp_path $WORK/nginx/tmp/proxy;"
  echo "  fastcgi_temp_path $WORK/nginx/tmp/fcgi; uwsgi_temp_path $WORK/nginx/tmp/uwsgi; scgi_temp_path $WORK/nginx/tmp/scgi;"
  for i in 1 2 3; do
    body=$(printf 'peerbench backend %d %079d' "$i" 0 | tr 0 x | cut -c1-99)
    echo "  server { listen 127.0.0.1:${BP[$((i-1))]} backlog=4096; location / { add_header X-Backend $i; return 200 \"$body\n\"; } }"
  done
  echo "}"
} > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NGINX_PID=$!

# ---------- Haneul and the ALB ----------
./haneul start -d >/dev/null
aws() { command aws --endpoint-url "http://127.0.0.1:$HANEUL_PORT" "$@"; }
LB=$(aws elbv2 create-load-balancer --name profile --subnets subnet-0a000001 subnet-0b000002 \
  --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name profile --protocol HTTP --port 80 --target-type ip --vpc-id vpc-0c000003 \
  --health-check-interval-seconds 5 --health-check-timeout-seconds 2 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 modify-target-group-attributes --target-group-arn "$TG" \
  --attributes Key=stickiness.enabled,Value=true Key=stickiness.type,Value=lb_cookie >/dev/null
PORT=$(aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port 80 \
  --default-actions "Type=forward,TargetGroupArn=$TG" --query 'Listeners[0].Port' --output text)
DNS=$(aws elbv2 describe-load-balancers --load-balancer-arns "$LB" --query 'LoadBalancers[0].DNSName' --output text)
for p in "${BP[@]}"; do aws elbv2 register-targets --target-group-arn "$TG" --targets "Id=127.0.0.1,Port=$p"; done
aws elbv2 wait target-in-service --target-group-arn "$TG"
URL="http://$DNS:$PORT/"
PID=$(sed -n 's/.*"pid" : \([0-9]*\).*/\1/p' "$HANEUL_DATA_DIR/server.json")
echo "ALB $URL, server pid $PID"
machine_state before
wrk -t1 -c"$CONNS" -d"${WARMUP_S}s" "${WRK_ARGS[@]}" "$URL" >/dev/null

# jcmd parses name=value arguments itself: the agent options go in as one quoted argument.
jcmd_ap() { "$JAVA_HOME/bin/jcmd" "$PID" JVMTI.agent_load "$LIB" "\"$1\"" >/dev/null; }
WRK_OUT=""
measure() {  # measure <label>: wrk for DURATION; sets RPS, P99, REQS
  WRK_OUT=$(wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "${WRK_ARGS[@]}" "$URL")
  RPS=$(awk '/^Requests\/sec:/{print $2}' <<<"$WRK_OUT")
  P99=$(awk '$1=="99%"{print $2}' <<<"$WRK_OUT")
  REQS=$(awk '/requests in/{print $1}' <<<"$WRK_OUT")
  echo "  $1: $RPS req/s, p99 $P99, $REQS requests" | tee -a "$SUMMARY"
}
SUMMARY="$WORK/summary.txt"
{
  echo "profile-alb.sh, $(machine_state before)"
  echo "wrk -t1 -c$CONNS -d${DURATION}s $SCENARIO through $URL (lb_cookie, 3 nginx targets)"
} > "$SUMMARY"

# ---------- cpu ----------
jcmd_ap "start,event=cpu,interval=1ms"
measure cpu
jcmd_ap "stop,collapsed,ann,file=$WORK/cpu.collapsed"
cp "$WORK/cpu.collapsed" "/tmp/alb-cpu$TAG.collapsed"
python3 bench/flamegraph.py "$WORK/cpu.collapsed" "$OUT/alb-cpu$TAG.svg" "ALB $SCENARIO, CPU (async-profiler, cpu)"

# ---------- allocation ----------
jcmd_ap "start,event=alloc,total"
measure alloc
jcmd_ap "stop,collapsed,total,ann,file=$WORK/alloc.collapsed"
cp "$WORK/alloc.collapsed" "/tmp/alb-alloc$TAG.collapsed"
python3 bench/flamegraph.py "$WORK/alloc.collapsed" "$OUT/alb-alloc$TAG.svg" "ALB $SCENARIO, bytes allocated (async-profiler, alloc)"
BYTES=$(awk '{s += $NF} END {print s + 0}' "$WORK/alloc.collapsed")
echo "  allocated: $BYTES bytes in $REQS requests = $(awk -v b="$BYTES" -v r="$REQS" 'BEGIN{printf "%.0f", b / r}') bytes/request (sampled estimate)" | tee -a "$SUMMARY"

# ---------- threads against the cores ----------
ticks() {  # ticks <pid>: "<thread name>\t<utime+stime>" per thread
  for t in /proc/"$1"/task/*; do
    [ -r "$t/stat" ] || continue
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"
  done
}
group_ticks() { sed -E 's/-[0-9]+(-[0-9]+)?\t/\t/; s/#[0-9]+\t/\t/; s/ [0-9]+\t/\t/' | awk -F'\t' '{a[$1] += $2} END {for (k in a) print k "\t" a[k]}' | sort; }
ticks "$PID" | group_ticks > "$WORK/before.tsv"
nginx_ticks() { for p in "$NGINX_PID" $(pgrep -P "$NGINX_PID"); do cat /proc/"$p"/stat; done | awk '{s += $14 + $15} END {print s}'; }
ng_before=$(nginx_ticks)
ygc_before=$("$JAVA_HOME/bin/jstat" -gc "$PID" | awk 'NR==2 {print $(NF-6), $(NF-5)}')
wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "${WRK_ARGS[@]}" "$URL" > "$WORK/wrk.txt" &
WRK=$!
sleep 1
wrk_ticks=0
while kill -0 "$WRK" 2>/dev/null; do wrk_ticks=$(awk '{print $14 + $15}' /proc/"$WRK"/stat 2>/dev/null || echo "$wrk_ticks"); sleep 0.5; done
wait "$WRK" || true
ticks "$PID" | group_ticks > "$WORK/after.tsv"
ng_after=$(nginx_ticks)
ygc_after=$("$JAVA_HOME/bin/jstat" -gc "$PID" | awk 'NR==2 {print $(NF-6), $(NF-5)}')
HZ=$(getconf CLK_TCK)
{
  echo "  plain: $(awk '/^Requests\/sec:/{print $2}' "$WORK/wrk.txt") req/s, p99 $(awk '$1=="99%"{print $2}' "$WORK/wrk.txt")"
  echo "CPU seconds during the plain run ($DURATION s on $(nproc) cores = $((DURATION * $(nproc))) core-seconds):"
  join -t $'\t' "$WORK/before.tsv" "$WORK/after.tsv" | awk -F'\t' -v hz="$HZ" '($3 - $2) > 0 {printf "  haneul %-28s %6.2f\n", $1, ($3 - $2) / hz}' | sort -k3 -rn
  io=$(join -t $'\t' "$WORK/before.tsv" "$WORK/after.tsv" | awk -F'\t' -v hz="$HZ" '$1 ~ /^haneul-io/ {s += ($3 - $2) / hz} END {print s + 0}')
  n=$(awk '/requests in/{print $1}' "$WORK/wrk.txt")
  echo "  I/O threads: $(awk -v s="$io" -v n="$n" 'BEGIN{printf "%.1f", s * 1e6 / n}') CPU us per request ($n requests)"
  echo "  wrk                                 $(awk -v t="$wrk_ticks" -v hz="$HZ" 'BEGIN{printf "%6.2f", t / hz}')"
  echo "  nginx (3 backends, 1 worker)        $(awk -v a="$ng_before" -v b="$ng_after" -v hz="$HZ" 'BEGIN{printf "%6.2f", (b - a) / hz}')"
  echo "  young GCs: $(awk -v a="${ygc_before% *}" -v b="${ygc_after% *}" 'BEGIN{print b - a}'), GC time $(awk -v a="${ygc_before#* }" -v b="${ygc_after#* }" 'BEGIN{printf "%.3f", b - a}') s"
  echo "  $(machine_state after)"
} | tee -a "$SUMMARY"
cp "$SUMMARY" "$OUT/alb-profile$TAG.txt"
echo "wrote $OUT/alb-cpu$TAG.svg $OUT/alb-alloc$TAG.svg $OUT/alb-profile$TAG.txt"
