#!/usr/bin/env bash
# Issue 8's benchmark: every scenario against the platform in dev mode (in-JVM bus), then over
# NATS, with the reference server measured beside it in each mode; one table of the figures in
# bench/results/<UTC time>.md.
# docs/PERFORMANCE.md says what each scenario does and what the targets are.
#
#   bench/run.sh [--duration S] [--connections N] [--scenarios a,b] [--modes dev,nats] [--quick] [--no-build]
#                [--prime S] [--products N] [--flash-sale-buyers N]
#
# Environment: JAVA_OPTS (platform and reference server, default -Xmx256m -XX:+UseSerialGC: the
# README's dev-mode command, so the memory figure is the platform's as the README starts it;
# docs/PERFORMANCE.md#heap-settings), BENCH_JAVA_OPTS (the generator, default -Xmx256m), NATS_URL
# (use that server instead of starting one).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

DURATION=20
WARMUP=5
PRIME=30
CONNECTIONS=64
FLASH_SALE_BUYERS=1000
PRODUCTS=100000
SCENARIOS=reference,product-by-id,listing,search,cart-add,checkout,checkout-floor,mixed,mixed-1000,mixed-1000-busy,reference-open,product-by-id-open,flash-sale
MODES="dev nats"
MIXED_AT_LEAST=60
BUILD=true

usage() {
  sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --prime) PRIME=$2; shift 2 ;;
    --products) PRODUCTS=$2; shift 2 ;;
    --flash-sale-buyers) FLASH_SALE_BUYERS=$2; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --modes) MODES=${2//,/ }; shift 2 ;;
    --quick) DURATION=2; WARMUP=1; PRIME=2; PRODUCTS=2000; MODES=dev; MIXED_AT_LEAST=""; FLASH_SALE_BUYERS=100; shift ;;
    --no-build) BUILD=false; shift ;;
    *) usage ;;
  esac
done

# The README's dev-mode command starts the JVM with these (DevModeCommandTest keeps them the same).
README_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC"
JAVA_OPTS=${JAVA_OPTS:-$README_JAVA_OPTS}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}
DATA=bench/data/products-$PRODUCTS
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
ROWS=bench/results/$STAMP.rows.tmp
REPORT=bench/results/$STAMP.md
NATS_SERVER=$(command -v nats-server || echo /usr/sbin/nats-server)

PLATFORM_PID=""
REFERENCE_PID=""
GENERATOR_PID=""
NATS_PID=""
NATS_STORE=""

# TERM, then KILL if it has not gone within 30 s; the platform stops its PostgreSQL on TERM.
stop() {
  local pid=$1
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop "$GENERATOR_PID"; GENERATOR_PID=""
  stop "$REFERENCE_PID"; REFERENCE_PID=""
  stop "$PLATFORM_PID"; PLATFORM_PID=""
  stop "$NATS_PID"; NATS_PID=""
  if [ -n "$NATS_STORE" ]; then rm -rf "$NATS_STORE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if $BUILD; then
  echo "building (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
fi

# Seeded once per catalogue size; an interrupted seeding starts over from an empty directory.
if [ ! -f "$DATA/seeded" ]; then
  echo "seeding $PRODUCTS products into $DATA"
  rm -rf "$DATA"
  mkdir -p "$DATA"
  SHOP_DATA_DIR=$DATA java $JAVA_OPTS -jar launcher/target/shop.jar seed --products "$PRODUCTS" \
    > "$DATA/seed.log" 2>&1 || { tail -40 "$DATA/seed.log" >&2; exit 1; }
  date -u > "$DATA/seeded"
fi

mkdir -p bench/results
DB_PORT=$(free_port)
DB_URL=postgresql://postgres:postgres@localhost:$DB_PORT/shop_product

# run_mode <dev|nats> [NATS_URL]: the platform in that mode, the scenarios, the platform stopped.
run_mode() {
  local mode=$1 nats_url=${2:-} port log extra=()
  port=$(free_port)
  log=$DATA/platform-$mode.log
  echo "starting the platform ($mode) on port $port; log: $log"
  # No demo shop (customers, orders): the benchmark's databases hold the seeded catalogue alone.
  env -u NATS_URL SHOP_DATA_DIR="$DATA" PORT="$port" SHOP_EMBEDDED_DB_PORT="$DB_PORT" SHOP_DEMO_DATA=false \
    SHOP_ACCESS_LOG_LEVEL=WARN SHOP_RATE_LIMIT_RPM=0 SHOP_USER_RATE_LIMIT_RPM=0 SHOP_LOGIN_RATE_LIMIT_RPM=0 \
    ${nats_url:+NATS_URL=$nats_url} \
    java $JAVA_OPTS -jar launcher/target/shop.jar > "$log" 2>&1 &
  PLATFORM_PID=$!
  wait_ready "$port" "$log" "$PLATFORM_PID"

  # The reference server runs beside the platform in every mode and takes turns with its product
  # by id, so each mode's ratios come from the same minutes of the machine.
  if [[ ",$SCENARIOS," == *",reference,"* || ",$SCENARIOS," == *",reference-open,"* ]]; then
    local ref_port
    ref_port=$(free_port)
    java $JAVA_OPTS -jar bench/target/bench.jar reference --db "$DB_URL" --port "$ref_port" \
      > "$DATA/reference-$mode.log" 2>&1 &
    REFERENCE_PID=$!
    wait_for_port "$ref_port" "$REFERENCE_PID" "the reference server" "$DATA/reference-$mode.log"
    extra+=(--reference "http://127.0.0.1:$ref_port" --reference-pid "$REFERENCE_PID")
  fi
  if [ -n "$NATS_PID" ]; then
    extra+=(--nats-pid "$NATS_PID")
  fi
  if [ "$mode" = dev ] && [ -n "$MIXED_AT_LEAST" ]; then
    extra+=(--mixed-at-least "$MIXED_AT_LEAST")
  fi

  # In the background, so that a signal to this script interrupts the wait and the trap cleans up.
  java $BENCH_JAVA_OPTS -jar bench/target/bench.jar run --mode "$mode" \
    --gateway "http://127.0.0.1:$port" --db "$DB_URL" --results "$ROWS" \
    --connections "$CONNECTIONS" --prime "$PRIME" --warmup "$WARMUP" --duration "$DURATION" \
    --scenarios "$SCENARIOS" --flash-sale-buyers "$FLASH_SALE_BUYERS" --platform-pid "$PLATFORM_PID" "${extra[@]}" &
  GENERATOR_PID=$!
  wait "$GENERATOR_PID"
  GENERATOR_PID=""

  stop "$REFERENCE_PID"; REFERENCE_PID=""
  stop "$PLATFORM_PID"; PLATFORM_PID=""
}

for mode in $MODES; do
  if [ "$mode" = dev ]; then
    run_mode dev
  elif [ -n "${NATS_URL:-}" ]; then
    run_mode nats "$NATS_URL"
  else
    nats_port=$(free_port)
    NATS_STORE=$(mktemp -d "${TMPDIR:-/tmp}/bench-nats.XXXXXX")
    "$NATS_SERVER" -js -a 127.0.0.1 -p "$nats_port" -sd "$NATS_STORE" > "$DATA/nats.log" 2>&1 &
    NATS_PID=$!
    wait_for_port "$nats_port" "$NATS_PID" "nats-server" "$DATA/nats.log"
    run_mode nats "nats://127.0.0.1:$nats_port"
    stop "$NATS_PID"; NATS_PID=""
    rm -rf "$NATS_STORE"; NATS_STORE=""
  fi
done

# The platform's resident memory with the command that started it (the README's, unless JAVA_OPTS
# says otherwise) and the target beside it: after dev mode's mixed journey (the target's figure),
# and the most at the end of any scenario of the platform's (no target).
memory_as_started() {
  local after_mixed most verdict started
  after_mixed=$(sed -n '/"scenario":"mixed","mode":"dev"/s/.*"rssMb":\([0-9]*\).*/\1/p' "$ROWS" | tail -1)
  most=$(sed -n 's/.*"rssMb":\([0-9]*\).*/\1/p' "$ROWS" | sort -n | tail -1)
  [ -n "$most" ] || return 0
  if [ -z "$after_mixed" ]; then
    verdict="no mixed journey in dev mode in this run, so the target (≤ 400 MB after it) is not measured"
  elif [ "$after_mixed" -le 400 ]; then
    verdict="$after_mixed MB resident after dev mode's mixed journey, target ≤ 400 MB: met"
  else
    verdict="$after_mixed MB resident after dev mode's mixed journey, target ≤ 400 MB: **not met**"
  fi
  started="the README's dev-mode command"
  if [ "$JAVA_OPTS" != "$README_JAVA_OPTS" ]; then started="NOT the README's options, \`$README_JAVA_OPTS\`"; fi
  echo "- memory as started: \`java $JAVA_OPTS -jar launcher/target/shop.jar\` ($started): $verdict;" \
    "at most $most MB at the end of a scenario (embedded PostgreSQL's processes not counted)"
}

{
  echo "# Benchmark $STAMP"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB memory," \
    "$(java -version 2>&1 | head -1)"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "$( [ -n "$(git status --porcelain 2>/dev/null)" ] && echo '(with uncommitted changes)')"
  echo "- catalogue: $PRODUCTS products; $CONNECTIONS connections unless said; priming ${PRIME} s," \
    "then per scenario ${WARMUP} s warm-up and ${DURATION} s measured$( [ -n "$MIXED_AT_LEAST" ] \
    && echo "; dev mode's mixed journey lasts ${MIXED_AT_LEAST} s with its warm-up, then RSS is read")"
  echo "- JAVA_OPTS of the platform and reference server: \`$JAVA_OPTS\`; generator: \`$BENCH_JAVA_OPTS\`"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  memory_as_started
  echo
  java -jar bench/target/bench.jar report "$ROWS"
} > "$REPORT"

echo
cat "$REPORT"
echo
echo "written to $REPORT"
