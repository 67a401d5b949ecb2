#!/usr/bin/env bash
# S3 throughput, side by side in one run (issue 15, item 6):
#   - one large object (default 1 GiB): PUT (multipart, 8 MiB parts, 4 in flight) and GET (one
#     streamed GET to a file) in MB/s, against a plain `cp` + `sync` of the same file on the same
#     disk, a durable copy (cp + fsync of the file and its directory: the fair limit for a durable
#     PUT) and against S3Mock;
#   - many small objects (default 10,000 of 4 KiB): PUT and GET requests per second (4 threads: see S3HttpBench on 503s),
#     and LIST (pages of 1,000 keys) through all of them.
# Every server is driven by the same client, dev.haneul.bench.S3HttpBench (AWS SDK for Java v2,
# Apache HTTP client, SDK checksums off), so the figures compare servers. The AWS CLI is no load
# generator for this: its Python spends more CPU per small request than either server.
# Usage: bench/s3.sh [LARGE_MB] [SMALL_COUNT]
#   S3MOCK_JAR=/path/s3mock-4.11.0-exec.jar bench/s3.sh   (else the script fetches it once with
#   ./mvnw dependency:copy into ~/.m2 and /tmp/s3mock; SKIP_S3MOCK=1 to leave it out)
# Targets: large objects >= 0.7x the file copy; small objects >= 3x the peer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/common.sh
LARGE_MB="${1:-1024}"
SMALL="${2:-10000}"
THREADS="${THREADS:-4}"
S3MOCK_VERSION=4.11.0
WORK="$(mktemp -d /tmp/haneul-bench-s3.XXXXXX)"
export HANEUL_DATA_DIR="$WORK/data" HANEUL_PORT="${HANEUL_PORT:-$(free_port)}"
S3MOCK_PID=""
cleanup() {
  ./haneul stop >/dev/null 2>&1 || true
  [[ -n "$S3MOCK_PID" ]] && kill "$S3MOCK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B -o -pl bench -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
drive() { "$JAVA_HOME/bin/java" -cp "$CP" dev.haneul.bench.S3HttpBench --threads "$THREADS" "$@"; }

if [[ -z "${SKIP_S3MOCK:-}" && -z "${S3MOCK_JAR:-}" ]]; then
  S3MOCK_JAR="/tmp/s3mock/s3mock-$S3MOCK_VERSION-exec.jar"
  [[ -f "$S3MOCK_JAR" ]] || ./mvnw -q -B dependency:copy -Dartifact="com.adobe.testing:s3mock:$S3MOCK_VERSION:jar:exec" \
    -DoutputDirectory=/tmp/s3mock >/dev/null
fi

machine_state before
./haneul start -d >/dev/null
head -c "$((LARGE_MB * 1024 * 1024))" /dev/urandom > "$WORK/large.bin"
sync

secs() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.3f", (e - s) / 1e9 }'; }
# Two baselines on the same disk: `cp` + `sync` (every dirty page of the machine written back),
# and a durable copy, `cp` + `sync FILE DIR` (fsync of the copy and of its directory, as Haneul
# forces an object's file and directory before acknowledging the PUT) — the fair limit for Haneul.
# (`dd conv=fsync` is no such limit: it copies through user space, 4-6x slower here under load.)
rate() { awk -v m="$LARGE_MB" -v t="$1" 'BEGIN { printf "%.1f", m * 1.048576 / t }'; }
t=$(date +%s%N); cp "$WORK/large.bin" "$WORK/copy.bin"; sync; copy_rate=$(rate "$(secs "$t")"); rm -f "$WORK/copy.bin"; sync
t=$(date +%s%N); cp "$WORK/large.bin" "$WORK/copy.bin"; sync "$WORK/copy.bin" "$WORK"
durable_rate=$(rate "$(secs "$t")"); rm -f "$WORK/copy.bin"

# run_target NAME ENDPOINT: one table row from S3HttpBench's "name value unit" lines.
# RATIOS collects "name large_put large_get small_put small_get small_list" for the ratio lines.
RATIOS=()
run_target() {
  local name="$1" endpoint="$2" out
  out=$(drive --endpoint "$endpoint" --large-file "$WORK/large.bin" --small "$SMALL")
  v() { awk -v k="$1" '$1 == k { print $2 }' <<<"$out"; }
  echo "| $name | $(v large_put) | $(v large_get) | $(v small_put) | $(v small_get) | $(v small_list_keys) |"
  RATIOS+=("$(v large_put) $(v large_get) $(v small_put) $(v small_get) $(v small_list_keys)")
}

echo
echo "| target | ${LARGE_MB} MiB PUT (MB/s) | ${LARGE_MB} MiB GET (MB/s) | 4 KiB PUT (req/s) | 4 KiB GET (req/s) | LIST (keys/s) |"
echo "|---|---|---|---|---|---|"
echo "| file copy (cp + sync, same disk) | $copy_rate | $copy_rate | | | |"
echo "| durable file copy (cp + fsync of file and dir) | $durable_rate | $durable_rate | | | |"
run_target "Haneul" "http://127.0.0.1:$HANEUL_PORT"
if [[ -n "${S3MOCK_JAR:-}" && -f "$S3MOCK_JAR" ]]; then
  port=$(free_port)
  "$JAVA_HOME/bin/java" -jar "$S3MOCK_JAR" --server.port=0 --com.adobe.testing.s3mock.httpPort="$port" \
    --com.adobe.testing.s3mock.store.root="$WORK/s3mock" --com.adobe.testing.s3mock.store.retainFilesOnExit=false \
    >"$WORK/s3mock.log" 2>&1 &
  S3MOCK_PID=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.5; done
  run_target "S3Mock $S3MOCK_VERSION" "http://127.0.0.1:$port"
else
  echo "| S3Mock | (not run: set S3MOCK_JAR, or unset SKIP_S3MOCK) | | | | |"
fi
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-" }'; }
read -r h_put h_get h_sput h_sget h_list <<<"${RATIOS[0]}"
echo "Haneul / file copy: PUT $(ratio "$h_put" "$copy_rate"), GET $(ratio "$h_get" "$copy_rate");" \
  "Haneul / durable copy: PUT $(ratio "$h_put" "$durable_rate"), GET $(ratio "$h_get" "$durable_rate")" \
  "(target >= 0.7; PUT judged against the durable copy, as Haneul's PUT is durable)"
if [[ ${#RATIOS[@]} -gt 1 ]]; then
  read -r m_put m_get m_sput m_sget m_list <<<"${RATIOS[1]}"
  echo "Haneul / S3Mock: large PUT $(ratio "$h_put" "$m_put"), GET $(ratio "$h_get" "$m_get");" \
    "4 KiB PUT $(ratio "$h_sput" "$m_sput"), GET $(ratio "$h_sget" "$m_sget"), LIST $(ratio "$h_list" "$m_list") (target >= 3)"
fi
echo
machine_state after
./haneul status | sed -n '/S3 requests/,$p'
