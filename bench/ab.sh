#!/usr/bin/env bash
# Two builds of the platform compared on the same minutes of the machine: build A and build B run
# side by side in dev mode on one embedded PostgreSQL (A's), and the generator's product-by-id
# turns alternate between them, each with its own CPU per request. The "reference (dev)" row of
# the table is build B (the generator's reference slot); the "dev" row is build A.
# docs/PERFORMANCE.md#comparing-two-builds says when to use it.
#
#   bench/ab.sh <shop.jar of A> <shop.jar of B> [--duration S] [--data DIR]
#
# The catalogue directory (default bench/data/products-100000, seeded by run.sh) must have been
# migrated by neither build beyond what both know.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

[ $# -ge 2 ] || { sed -n '8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
JAR_A=$1; JAR_B=$2; shift 2
DURATION=20
DATA=bench/data/products-100000
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    *) sed -n '8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
[ -f "$DATA/seeded" ] || { echo "no seeded catalogue in $DATA: run bench/run.sh once" >&2; exit 1; }
[ -f bench/target/bench.jar ] || mvn -q -DskipTests package -pl bench -am

JAVA_OPTS=${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
QUIET=(SHOP_ACCESS_LOG_LEVEL=WARN SHOP_RATE_LIMIT_RPM=0 SHOP_USER_RATE_LIMIT_RPM=0 SHOP_LOGIN_RATE_LIMIT_RPM=0)
PIDS=()
DATA_B=$(mktemp -d)
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; rm -rf "$DATA_B"' EXIT

DB_PORT=$(free_port); PORT_A=$(free_port); PORT_B=$(free_port)
DB=postgresql://postgres:postgres@localhost:$DB_PORT
env -u NATS_URL SHOP_DATA_DIR="$DATA" PORT="$PORT_A" SHOP_EMBEDDED_DB_PORT="$DB_PORT" "${QUIET[@]}" \
  java $JAVA_OPTS -jar "$JAR_A" > "$DATA/ab-a.log" 2>&1 &
PIDS+=($!); PID_A=$!
wait_ready "$PORT_A" "$DATA/ab-a.log" "$PID_A"
DATABASES=()
for service in user product cart order payment report ar; do
  DATABASES+=("SHOP_${service^^}_DB_URL=$DB/shop_$service")
done
env -u NATS_URL SHOP_DATA_DIR="$DATA_B" PORT="$PORT_B" SHOP_DEMO_DATA=false "${QUIET[@]}" "${DATABASES[@]}" \
  java $JAVA_OPTS -jar "$JAR_B" > "$DATA/ab-b.log" 2>&1 &
PIDS+=($!); PID_B=$!
wait_ready "$PORT_B" "$DATA/ab-b.log" "$PID_B"

ROWS=$(mktemp)
java -Xmx256m -jar bench/target/bench.jar run --mode dev --gateway "http://127.0.0.1:$PORT_A" --db "$DB/shop_product" \
  --results "$ROWS" --prime 15 --warmup 3 --duration "$DURATION" --scenarios reference,product-by-id \
  --platform-pid "$PID_A" --reference "http://127.0.0.1:$PORT_B" --reference-pid "$PID_B" | grep product-by-id
rm -f "$ROWS"
