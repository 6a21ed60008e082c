#!/usr/bin/env bash
# Issue 8's memory target for services run apart: every service and the gateway as a JVM of its
# own over NATS (as in production), a minute of the mixed journey through the gateway, then each
# JVM's resident memory. The services' databases live on a PostgreSQL server you give (the
# embedded one belongs to a single JVM); they are created afresh, named bench_shop_<service>, and
# dropped at the end.
# docs/PERFORMANCE.md#each-service-alone says what it measured.
#
#   bench/multi-jvm.sh [--pg postgresql://user@host:port] [--products N] [--duration S] [--no-build]
#
# Environment: SERVICE_JAVA_OPTS (each JVM, default -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

PG=postgresql://postgres@127.0.0.1:5432
PRODUCTS=100000
DURATION=55
BUILD=true
usage() { sed -n '9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --pg) PG=$2; shift 2 ;;
    --products) PRODUCTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    *) usage ;;
  esac
done

SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
SERVICES="user product cart order payment report ar"
NATS_SERVER=$(command -v nats-server || echo /usr/sbin/nats-server)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-multi-jvm.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK/nats"
  for service in $SERVICES; do
    psql "${PG%/}/postgres" -q -c "DROP DATABASE IF EXISTS bench_shop_$service" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

resident() {
  for entry in "${NAMED[@]}"; do
    printf '%-8s %s MB\n' "${entry%%:*}" "$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/${entry##*:}/status")"
  done
}

if $BUILD; then
  echo "building (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
fi

ADMIN=${PG%/}/postgres
for service in $SERVICES; do
  psql "$ADMIN" -q -c "DROP DATABASE IF EXISTS bench_shop_$service" -c "CREATE DATABASE bench_shop_$service"
done
echo "seeding $PRODUCTS products into bench_shop_product; logs in $WORK"
SHOP_PRODUCT_DB_URL=$PG/bench_shop_product SHOP_DATA_DIR=$WORK/seed java -Xmx256m -jar launcher/target/shop.jar \
  seed --products "$PRODUCTS" > "$WORK/seed.log" 2>&1 || { tail -20 "$WORK/seed.log" >&2; exit 1; }

NATS_PORT=$(free_port)
"$NATS_SERVER" -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$WORK/nats" > "$WORK/nats.log" 2>&1 &
PIDS+=($!)
sleep 1
QUIET=(NATS_URL="nats://127.0.0.1:$NATS_PORT" SHOP_ACCESS_LOG_LEVEL=WARN SHOP_DEMO_DATA=false
  SHOP_RATE_LIMIT_RPM=0 SHOP_USER_RATE_LIMIT_RPM=0 SHOP_LOGIN_RATE_LIMIT_RPM=0)
NAMED=()
for service in $SERVICES; do
  env "${QUIET[@]}" SHOP_SERVICES="$service" "SHOP_${service^^}_DB_URL=$PG/bench_shop_$service" \
    SHOP_DATA_DIR="$WORK/$service" java $SERVICE_JAVA_OPTS -jar launcher/target/shop.jar > "$WORK/$service.log" 2>&1 &
  PIDS+=($!); NAMED+=("$service:$!")
done
PORT=$(free_port)
env "${QUIET[@]}" SHOP_SERVICES=gateway PORT="$PORT" SHOP_DATA_DIR="$WORK/gateway" \
  java $SERVICE_JAVA_OPTS -jar launcher/target/shop.jar > "$WORK/gateway.log" 2>&1 &
PIDS+=($!); NAMED+=("gateway:$!")
wait_ready "$PORT" "$WORK/gateway.log" "$!"

echo "resident memory once ready:"
resident
java -Xmx256m -jar bench/target/bench.jar run --mode nats --gateway "http://127.0.0.1:$PORT" \
  --db "$PG/bench_shop_product" --results "$WORK/rows.tmp" --prime 0 --warmup 5 --duration "$DURATION" \
  --scenarios mixed | grep '^mixed'
echo "resident memory after the mixed journey:"
resident
