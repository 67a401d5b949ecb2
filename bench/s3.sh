#!/usr/bin/env bash
# S3 throughput, side by side in one run (issue 15, item 6):
#   - one large object (default 1 GiB): PUT and GET with `aws s3 cp` against Haneul, against a plain
#     `cp` of the same file on the same disk (the limit), and against S3Mock when its jar is given;
#   - many small objects (default 10,000 of 4 KiB): PUT, GET and LIST per second, driven by
#     `aws s3 cp --recursive` (10 parallel requests, the CLI's default): what a user's CLI gets.
# Usage: bench/s3.sh [LARGE_MB] [SMALL_COUNT]
#   S3MOCK_JAR=/path/s3mock-4.11.0-exec.jar bench/s3.sh   (fetch it with:
#   ./mvnw dependency:copy -Dartifact=com.adobe.testing:s3mock:4.11.0:jar:exec -DoutputDirectory=/tmp)
# Targets: large objects >= 0.7x the file copy; small objects >= 3x the peer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/common.sh
LARGE_MB="${1:-1024}"
SMALL="${2:-10000}"
AWS=/usr/bin/aws
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
WORK="$(mktemp -d /tmp/haneul-bench-s3.XXXXXX)"
export HANEUL_DATA_DIR="$WORK/data" HANEUL_PORT="${HANEUL_PORT:-$(free_port)}"
S3MOCK_PID=""
cleanup() {
  ./haneul stop >/dev/null 2>&1 || true
  [[ -n "$S3MOCK_PID" ]] && kill "$S3MOCK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

machine_state before
./haneul start -d >/dev/null
mkdir -p "$WORK/small"
head -c "$((LARGE_MB * 1024 * 1024))" /dev/urandom > "$WORK/large.bin"
for i in $(seq 1 "$SMALL"); do head -c 4096 /dev/urandom > "$WORK/small/o$i"; done
sync

secs() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.3f", (e - s) / 1e9 }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / t }'; }

t=$(date +%s%N); cp "$WORK/large.bin" "$WORK/copy.bin"; sync; copy=$(secs "$t"); rm -f "$WORK/copy.bin"

# run_target NAME ENDPOINT: prints the table rows of one S3 implementation.
run_target() {
  local name="$1" endpoint="$2" a="$AWS --endpoint-url $2"
  $a s3 mb s3://bench >/dev/null
  local t put get sput sget slist
  t=$(date +%s%N); $a s3 cp "$WORK/large.bin" s3://bench/large.bin --only-show-errors; put=$(secs "$t")
  t=$(date +%s%N); $a s3 cp s3://bench/large.bin "$WORK/back.bin" --only-show-errors; get=$(secs "$t")
  cmp -s "$WORK/large.bin" "$WORK/back.bin" || { echo "$name: the large object came back different" >&2; exit 1; }
  rm -f "$WORK/back.bin"
  t=$(date +%s%N); $a s3 cp "$WORK/small" s3://bench/small --recursive --only-show-errors; sput=$(secs "$t")
  t=$(date +%s%N); $a s3 cp s3://bench/small "$WORK/small-back" --recursive --only-show-errors; sget=$(secs "$t")
  rm -rf "$WORK/small-back"
  t=$(date +%s%N); for _ in 1 2 3 4 5; do $a s3api list-objects-v2 --bucket bench --prefix small/ >/dev/null; done
  slist=$(secs "$t")
  echo "| $name | $(rate "$LARGE_MB" "$put") | $(rate "$LARGE_MB" "$get") | $(rate "$SMALL" "$sput") | $(rate "$SMALL" "$sget") | $(rate $((5 * SMALL)) "$slist") |"
}

echo
echo "| target | ${LARGE_MB} MiB PUT (MiB/s) | ${LARGE_MB} MiB GET (MiB/s) | 4 KiB PUT (obj/s) | 4 KiB GET (obj/s) | LIST (keys/s) |"
echo "|---|---|---|---|---|---|"
echo "| file copy (cp, same disk) | $(rate "$LARGE_MB" "$copy") | $(rate "$LARGE_MB" "$copy") | | | |"
run_target "Haneul" "http://127.0.0.1:$HANEUL_PORT"
if [[ -n "${S3MOCK_JAR:-}" && -f "$S3MOCK_JAR" ]]; then
  port=$(free_port)
  java -jar "$S3MOCK_JAR" --server.port="$port" --com.adobe.testing.s3mock.domain.retainFilesOnExit=false \
    >"$WORK/s3mock.log" 2>&1 &
  S3MOCK_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.5; done
  run_target "S3Mock 4.11.0" "http://127.0.0.1:$port"
else
  echo "| S3Mock | (set S3MOCK_JAR to compare) | | | | |"
fi
echo
machine_state after
./haneul status | sed -n '/S3 requests/,$p'
