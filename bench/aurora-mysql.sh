#!/usr/bin/env bash
# aurora-mysql.sh - Haneul's Aurora MySQL (RDS) as a user meets it, measured on this machine.
#
# In one run, everything through the real RDS API (unsigned query requests to a Haneul started
# here, in its own data dir; stopped at the end):
#   1. create: time from CreateDBCluster to a writer and two readers all "available" (CREATES runs)
#   2. proxy:  sysbench oltp_read_only and oltp_point_select through the cluster's READER endpoint
#              (one reader left, so it always reaches the same instance) versus HAProxy in TCP
#              mode in front of that instance versus a direct connection to it; the three
#              alternate in every round (each round starting with the next one), after a
#              warm-up; otherwise the methodology of ../shared/bench/mysql-proxy-peers.sh
#              (threads 8, 5 s here, 4 tables x 20000 rows, medians)
#   3. failover: SIGKILL the writer's mariadbd, time until an INSERT through the cluster endpoint
#              succeeds again (mariadb client retried every 20 ms), FAILOVERS runs
#   4. RSS of every instance's mariadbd after the load
# The last line holds the key figures. Raw sysbench numbers go to $RESULTS_DIR.
#
# Usage:  bench/aurora-mysql.sh
# Env (defaults; the whole run in under 3 minutes on a quiet machine): THREADS=8 DURATION=5 ROUNDS=3 WARMUP=3 TESTS="oltp_read_only oltp_point_select"
#   TABLES=4 TABLE_SIZE=20000 CREATES=3 FAILOVERS=3 HANEUL_PORT=45670
#   HANEUL_ADDRESS_RANGE=127.31.0.0/16 RESULTS_DIR=/tmp/peerbench/results KEEP_WORKDIR=0
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

THREADS=${THREADS:-8}; DURATION=${DURATION:-5}; ROUNDS=${ROUNDS:-3}; WARMUP=${WARMUP:-3}
TESTS=${TESTS:-"oltp_read_only oltp_point_select"}; TABLES=${TABLES:-4}; TABLE_SIZE=${TABLE_SIZE:-20000}
CREATES=${CREATES:-3}; FAILOVERS=${FAILOVERS:-3}
RESULTS_DIR=${RESULTS_DIR:-/tmp/peerbench/results}
export HANEUL_PORT=${HANEUL_PORT:-45670}
export HANEUL_ADDRESS_RANGE=${HANEUL_ADDRESS_RANGE:-127.31.0.0/16}
export HANEUL_DATA_DIR; HANEUL_DATA_DIR=$(mktemp -d /tmp/haneul-bench-rds.XXXXXX)
WORK=$HANEUL_DATA_DIR/bench
mkdir -p "$WORK" "$RESULTS_DIR"
TSV=$RESULTS_DIR/aurora-mysql-$(date +%Y%m%d-%H%M%S).tsv
API=http://127.0.0.1:$HANEUL_PORT/
SCOPE_DIR=$HANEUL_DATA_DIR/engines/rds/000000000000-us-east-1
case "${1:-}" in -h|--help) sed -n '2,22p' "$0"; exit 0 ;; esac

HAPROXY_PID=""
cleanup() {
  [ -n "$HAPROXY_PID" ] && kill "$HAPROXY_PID" 2>/dev/null || true
  ./haneul stop >/dev/null 2>&1 || true
  [ "${KEEP_WORKDIR:-0}" = 1 ] || rm -rf "$HANEUL_DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for tool in sysbench haproxy mariadb curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done

. bench/common.sh   # the script runs from the project root (cd above)
# api Action [k=v ...]: one RDS query request, SigV4-signed by curl as Haneul requires of every API call;
# prints the XML answer, fails on an error.
api() {
  local action=$1; shift
  local args=(--data-urlencode "Action=$action" --data-urlencode "Version=2014-10-31")
  local kv; for kv in "$@"; do args+=(--data-urlencode "$kv"); done
  local out; out=$(curl -s -X POST --aws-sigv4 "aws:amz:us-east-1:rds" --user test:test "${args[@]}" "$API")
  if grep -q '<ErrorResponse' <<<"$out"; then echo "$action failed: $out" >&2; return 1; fi
  printf '%s' "$out"
}
tag() { grep -o "<$1>[^<]*" | head -n "${2:-1}" | tail -n 1 | cut -d'>' -f2; }
statuses() { api DescribeDBInstances | grep -o '<DBInstanceStatus>[^<]*' | cut -d'>' -f2 | sort -u | tr '\n' ' '; }
await_all_available() {  # instances and the cluster $1
  local i; for i in $(seq 1 1200); do
    if [ "$(statuses)" = "available " ] && [ "$(api DescribeDBClusters DBClusterIdentifier="$1" | tag Status)" = available ]; then
      return 0; fi
    sleep 0.1
  done
  echo "cluster $1 not available after 120 s: $(statuses)" >&2; return 1
}
writer_of() { api DescribeDBClusters DBClusterIdentifier="$1" | python3 -c '
import sys, re
xml = sys.stdin.read()
for m in re.finditer(r"<DBClusterMember>(.*?)</DBClusterMember>", xml, re.S):
    if "<IsClusterWriter>true" in m.group(1):
        print(re.search(r"<DBInstanceIdentifier>([^<]*)", m.group(1)).group(1))'; }
engine_port() {  # engine_port <instance>: its mariadbd port, from the server's health document
  curl -s "${API}_haneul/health" | python3 -c '
import json, sys
for e in json.load(sys.stdin)["engines"]:
    if e["name"].endswith("/'"$1"'"):
        print(e["port"])'; }

./haneul start -d >/dev/null
echo "haneul $(./haneul --version 2>/dev/null | head -1) on $API (data dir $HANEUL_DATA_DIR)"
machine_state before
echo "mariadbd $(mariadbd --version 2>/dev/null | awk '{print $3}'); sysbench $(sysbench --version | awk '{print $2}'); $(haproxy -v | head -1 | awk '{print "haproxy", $3}')"

# ---------- 1. create a writer and two readers ----------
CREATE_MS=()
for n in $(seq 1 "$CREATES"); do
  c=create$n
  t=$(now_ms)
  api CreateDBCluster DBClusterIdentifier=$c Engine=aurora-mysql MasterUsername=admin MasterUserPassword=secret99 \
    DatabaseName=app >/dev/null
  for i in 1 2 3; do
    api CreateDBInstance DBInstanceIdentifier=$c-$i DBClusterIdentifier=$c Engine=aurora-mysql \
      DBInstanceClass=db.r6g.large >/dev/null
  done
  await_all_available $c
  CREATE_MS+=("$(( $(now_ms) - t ))")
  echo "  create $n: writer + 2 readers available in ${CREATE_MS[-1]} ms"
  if [ "$n" -lt "$CREATES" ]; then   # keep the last cluster for the rest
    for i in 1 2 3; do api DeleteDBInstance DBInstanceIdentifier=$c-$i >/dev/null; done
    for i in $(seq 1 600); do [ -z "$(api DescribeDBInstances | tag DBInstanceIdentifier)" ] && break; sleep 0.1; done
    api DeleteDBCluster DBClusterIdentifier=$c SkipFinalSnapshot=true >/dev/null
  fi
done
C=create$CREATES
CLUSTER_XML=$(api DescribeDBClusters DBClusterIdentifier=$C)
CE=$(tag Endpoint <<<"$CLUSTER_XML"); RE=$(tag ReaderEndpoint <<<"$CLUSTER_XML"); PORT=$(tag Port <<<"$CLUSTER_XML")

# ---------- 2. sysbench through the reader endpoint vs haproxy vs direct ----------
api DeleteDBInstance DBInstanceIdentifier=$C-3 >/dev/null   # one reader: the reader endpoint reaches it only
for i in $(seq 1 600); do [ "$(api DescribeDBInstances | grep -c '<DBInstanceIdentifier>')" = 2 ] && break; sleep 0.1; done
READER=$C-2
SB_COMMON=(--mysql-user=admin --mysql-password=secret99 --mysql-db=app --tables="$TABLES" --table-size="$TABLE_SIZE" --db-driver=mysql)
echo "preparing sysbench tables ($TABLES x $TABLE_SIZE rows) through the cluster endpoint $CE:$PORT ..."
sysbench oltp_read_only --mysql-host="$CE" --mysql-port="$PORT" "${SB_COMMON[@]}" --threads=4 prepare >"$WORK/prepare.log" 2>&1 \
  || { tail -20 "$WORK/prepare.log" >&2; exit 1; }
EP=$(engine_port "$READER")
for i in $(seq 1 600); do   # replicated to the reader
  [ "$(mariadb -h127.0.0.1 -P"$EP" -uadmin -psecret99 -N -e "SELECT COUNT(*) FROM app.sbtest$TABLES" 2>/dev/null)" = "$TABLE_SIZE" ] && break
  sleep 0.1
done
start_haproxy_tcp mysql "$EP" "$WORK"
HP=$HAPROXY_PORT
C_NAMES=(direct haproxy haneul); C_HOST=(127.0.0.1 127.0.0.1 "$RE"); C_PORT=("$EP" "$HP" "$PORT")
for i in "${!C_NAMES[@]}"; do
  for t in $(seq 1 100); do
    who=$(mariadb -h"${C_HOST[$i]}" -P"${C_PORT[$i]}" -uadmin -psecret99 -N -e 'SELECT @@report_host' 2>/dev/null) && break
    sleep 0.1
  done
  echo "  ${C_NAMES[$i]}: ${C_HOST[$i]}:${C_PORT[$i]} answers as $who"
  [ "$who" = "$READER" ] || { echo "${C_NAMES[$i]} does not reach $READER" >&2; exit 1; }
done
run_sb() {  # run_sb <test> <idx> <time> -> "tps qps p95ms errors"
  local out
  out=$(timeout $(( $3 + 60 )) sysbench "$1" --mysql-host="${C_HOST[$2]}" --mysql-port="${C_PORT[$2]}" "${SB_COMMON[@]}" \
        --threads="$THREADS" --time="$3" --percentile=95 --report-interval=0 run 2>&1) || true
  awk '/transactions:/{gsub(/[()]/,""); tps=$3}
       /queries:/ && !/performed/{gsub(/[()]/,""); qps=$3}
       /95th percentile:/{p95=$3}
       /ignored errors:/{e+=$3} /reconnects:/{e+=$2}
       /FATAL/{fatal=1}
       END{ if (fatal) e+=1000000; printf "%s %s %s %d\n", tps+0, qps+0, p95+0, e }' <<<"$out"
}
printf 'test\tcontender\tround\ttps\tqps\tp95_ms\terrors\n' > "$TSV"
echo "sysbench --threads=$THREADS --time=$DURATION, $ROUNDS rounds alternating, tests: $TESTS"
for t in $TESTS; do
  for i in "${!C_NAMES[@]}"; do run_sb "$t" "$i" "$WARMUP" >/dev/null; done
  for r in $(seq 1 "$ROUNDS"); do
    for k in "${!C_NAMES[@]}"; do
      i=$(( (k + r - 1) % ${#C_NAMES[@]} ))   # each round starts with the next contender: no fixed order
      read -r tps qps p95 err < <(run_sb "$t" "$i" "$DURATION")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${C_NAMES[$i]}" "$r" "$tps" "$qps" "$p95" "$err" >> "$TSV"
      printf '  %-17s %-8s round %s: %9s tps %10s qps  p95 %6s ms  errors %s\n' "$t" "${C_NAMES[$i]}" "$r" "$tps" "$qps" "$p95" "$err"
      sleep 1
    done
  done
done

# ---------- 4. RSS per instance (after the load) ----------
RSS=()
for id in $C-1 $C-2; do
  pid=$(cat "$SCOPE_DIR/$id/mariadbd.pid")
  RSS+=("$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")")
done

# ---------- 3. failover: kill the writer, first successful write ----------
mariadb -h"$CE" -P"$PORT" -uadmin -psecret99 -e "CREATE TABLE app.failover (id INT AUTO_INCREMENT PRIMARY KEY)"
FAILOVER_MS=()
for n in $(seq 1 "$FAILOVERS"); do
  await_all_available "$C"
  w=$(writer_of "$C")
  pid=$(cat "$SCOPE_DIR/$w/mariadbd.pid")
  t=$(now_ms)
  kill -KILL "$pid"
  until mariadb -h"$CE" -P"$PORT" -uadmin -psecret99 --connect-timeout=2 \
        -e "INSERT INTO app.failover VALUES (NULL)" >/dev/null 2>&1; do sleep 0.02; done
  FAILOVER_MS+=("$(( $(now_ms) - t ))")
  echo "  failover $n: killed writer $w, first write through the cluster endpoint after ${FAILOVER_MS[-1]} ms (now $(writer_of "$C"))"
done

# ---------- summary ----------
machine_state after
col() { awk -F'\t' -v s="$1" -v c="$2" -v k="$3" 'NR>1 && $1==s && $2==c {print $k}' "$TSV"; }
echo
echo "SUMMARY aurora-mysql (sysbench threads=$THREADS time=${DURATION}s tables=$TABLES x $TABLE_SIZE, medians of $ROUNDS; min..max in brackets)"
printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' test contender "tps median [min..max]" "qps median" "p95 ms" errors "tps vs direct" "tps vs haproxy"
echo "|---|---|---|---|---|---|---|---|"
declare -A MED P95
for t in $TESTS; do
  for c in "${C_NAMES[@]}"; do
    # shellcheck disable=SC2046
    read -r m mn mx < <(stats $(col "$t" "$c" 4)); MED[$t.$c]=$m
    read -r q _ _ < <(stats $(col "$t" "$c" 5)); read -r p95 _ _ < <(stats $(col "$t" "$c" 6)); P95[$t.$c]=$p95
    e=$(col "$t" "$c" 7 | awk '{s+=$1} END{print s+0}')
    vd=$(awk -v a="$m" -v b="${MED[$t.direct]}" 'BEGIN{ if (b>0) printf "%.3f", a/b; else print "n/a" }')
    vh=$(awk -v a="$m" -v b="${MED[$t.haproxy]:-0}" 'BEGIN{ if (b>0) printf "%.3f", a/b; else print "-" }')
    printf '| %s | %s | %.0f [%.0f..%.0f] | %.0f | %s | %s | %s | %s |\n' "$t" "$c" "$m" "$mn" "$mx" "$q" "$p95" "$e" "$vd" "$vh"
  done
done
read -r cm cmin cmax < <(stats "${CREATE_MS[@]}")
read -r fm fmin fmax < <(stats "${FAILOVER_MS[@]}")
echo
echo "| measure | median | min..max | runs |"
echo "|---|---|---|---|"
printf '| create a writer + 2 readers until all available (ms) | %.0f | %.0f..%.0f | %s |\n' "$cm" "$cmin" "$cmax" "$CREATES"
printf '| failover: writer SIGKILL to first write through the cluster endpoint (ms) | %.0f | %.0f..%.0f | %s |\n' "$fm" "$fmin" "$fmax" "$FAILOVERS"
printf '| RSS per instance after the load (MB) | %s | %s | %s |\n' "$(stats "${RSS[@]}" | awk '{printf "%.0f", $1}')" \
  "$(stats "${RSS[@]}" | awk '{printf "%.0f..%.0f", $2, $3}')" "${#RSS[@]}"
echo "raw: $TSV"
last="RESULT aurora-mysql"
for t in $TESTS; do
  last="$last $t:haneul/haproxy=$(awk -v a="${MED[$t.haneul]}" -v b="${MED[$t.haproxy]}" 'BEGIN{printf "%.3f", a/b}')"
  last="$last $t:haneul/direct=$(awk -v a="${MED[$t.haneul]}" -v b="${MED[$t.direct]}" 'BEGIN{printf "%.3f", a/b}')"
  last="$last $t:p95(haneul,haproxy)=${P95[$t.haneul]},${P95[$t.haproxy]}"
done
echo "$last create_ms=$(printf '%.0f' "$cm") failover_ms=$(printf '%.0f' "$fm")"
