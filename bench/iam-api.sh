#!/usr/bin/env bash
# API latency with IAM enforcement against without, in one run: two servers side by side,
# HANEUL_AUTH=none and HANEUL_AUTH=iam, called through the AWS SDK in alternating batches
# (IamApiLatency), so both see the same load. The iam server is called with an IAM user's key whose
# user has 10 customer managed policies attached (the last allows rds:Describe*), so every call is
# authenticated and authorized; GetCallerIdentity needs no permission (still authenticated),
# DescribeDBClusters is decided against the 10 policies.
# Usage: bench/iam-api.sh [CALLS] [BATCH]     (default 2000 calls per operation and mode, batches of 100)
# Prints the machine's load before and after, p50/p99 per operation and mode, and the iam/none ratios.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/common.sh
CALLS="${1:-2000}"
BATCH="${2:-100}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
AWS=/usr/bin/aws
WORK="$(mktemp -d /tmp/haneul-bench-iam.XXXXXX)"
NONE_PORT="${NONE_PORT:-$(free_port)}"
IAM_PORT="${IAM_PORT:-$(free_port)}"
RANGE_NONE="${RANGE_NONE:-127.65.0.0/17}"
RANGE_IAM="${RANGE_IAM:-127.65.128.0/17}"

server() { # server MODE COMMAND...: runs ./haneul for the MODE server
  local mode="$1"; shift
  if [ "$mode" = none ]; then
    HANEUL_AUTH=none HANEUL_PORT="$NONE_PORT" HANEUL_DATA_DIR="$WORK/none" HANEUL_ADDRESS_RANGE="$RANGE_NONE" ./haneul "$@"
  else
    HANEUL_AUTH=iam HANEUL_PORT="$IAM_PORT" HANEUL_DATA_DIR="$WORK/iam" HANEUL_ADDRESS_RANGE="$RANGE_IAM" ./haneul "$@"
  fi
}
cleanup() { server none stop >/dev/null 2>&1 || true; server iam stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

./mvnw -q -B -o -pl bench -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
./haneul --version >/dev/null
server none start -d >/dev/null
server iam start -d >/dev/null

root() { AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
  "$AWS" --endpoint-url "http://127.0.0.1:$IAM_PORT" --output json "$@"; }
root iam create-user --user-name bench >/dev/null
for p in $(seq 0 9); do
  doc=$(python3 - "$p" <<'PY'
import json, sys
p = int(sys.argv[1])
services = ["ec2", "s3", "elasticache", "elasticloadbalancing", "wafv2", "iam", "cloudwatch", "logs", "sns", "sqs"]
verbs = ["Describe", "List", "Get", "Create", "Modify", "Delete", "Put", "Tag"]
nouns = ["Instances", "Clusters", "Snapshots", "Groups", "Rules", "Policies", "Buckets", "Objects"]
statements = []
for s in range(6):
    svc = services[(p + s) % len(services)]
    statements.append({"Sid": f"S{s}", "Effect": "Allow",
        "Action": [f"{svc}:{verbs[a % 8]}{nouns[(a + s) % 8]}" + ("*" if a % 5 == 0 else "") for a in range(12)],
        "Resource": [f"arn:aws:{svc}:*:000000000000:thing-{s}/*"],
        "Condition": {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}} if s % 2 == 0 else
                     {"Bool": {"aws:SecureTransport": "false"}}})
if p == 9:
    statements.append({"Sid": "RdsRead", "Effect": "Allow", "Action": ["rds:Describe*", "rds:List*"], "Resource": "*"})
print(json.dumps({"Version": "2012-10-17", "Statement": statements}))
PY
)
  arn=$(root iam create-policy --policy-name "Bench$p" --policy-document "$doc" --query Policy.Arn --output text)
  root iam attach-user-policy --user-name bench --policy-arn "$arn" >/dev/null
done
read -r KEY SECRET < <(root iam create-access-key --user-name bench \
  --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)

machine_state before
"$JAVA_HOME/bin/java" -cp "$CP" dev.haneul.bench.IamApiLatency "http://127.0.0.1:$NONE_PORT" \
  "http://127.0.0.1:$IAM_PORT" "$KEY" "$SECRET" "$CALLS" "$BATCH"
machine_state after
