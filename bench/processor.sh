#!/usr/bin/env bash
# End-to-end processor benchmark on embedded H2: how many stored events per second the processor
# evaluates, records and marks processed with RULES rules, against the same restart with 0 rules.
#
#   bench/processor.sh                          50,000 events, 100 rules, batch 200
#   EVENTS=100000 BATCH=1000 bench/processor.sh
#   PROFILE=1 bench/processor.sh                also records JFR of both runs in target/bench/
#
# 1. Starts the packaged service (built if missing) with the processor off and loads EVENTS unique
#    events with wrk (bench/processor/load.lua). 2. Stops it and keeps a copy of its data folder.
# 3. Restarts it with the processor on and RULES rules (bench/processor/rules.sh), actions off so
#    fired actions only queue, and times until every event is processed (the processed counter of
#    /q/metrics, polled every 0.1 s without touching the database; /api/stats must then show no
#    RECEIVED event). 4. The same from the copy with 0 rules: the cost of processing itself.
# Besides events/s it prints events per CPU-second of the service and of its processor thread: on a
# shared machine the wall clock mostly measures the neighbours. Loopback only; everything started
# here is stopped on exit. Needs java, curl, jq and wrk (apt-get install -y wrk jq).
set -euo pipefail

EVENTS=${EVENTS:-50000}
RULES=${RULES:-100}
BATCH=${BATCH:-200}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
LOAD_TIMEOUT=${LOAD_TIMEOUT:-600}
PROCESS_TIMEOUT=${PROCESS_TIMEOUT:-900}
JAVA_OPTS=${JAVA_OPTS:-}
PROFILE=${PROFILE:-0}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=target/quarkus-app/quarkus-run.jar
out=target/bench
work=$(mktemp -d "${TMPDIR:-/tmp}/pbench.XXXXXX")
token=bench
app_pid=""
wrk_pid=""
port=""
current_log=""

cleanup() {
  stop_app
  if [ -n "$wrk_pid" ] && kill -0 "$wrk_pid" 2>/dev/null; then
    kill "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "processor.sh: $*" >&2
  [ -n "$current_log" ] && [ -f "$current_log" ] && { echo "--- end of $current_log:" >&2; tail -20 "$current_log" >&2; }
  exit 1
}

now() {
  date +%s.%N
}

# calc EXPRESSION: floating-point arithmetic without bc
calc() {
  awk "BEGIN { print $1 }"
}

# CPU seconds used so far by the service, and by its event-processor thread alone: on a machine
# shared with other work the wall clock says little, the CPU time of the processor still does.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$app_pid/stat"
}
processor_cpu_seconds() {
  local task
  for task in /proc/"$app_pid"/task/*; do
    if [ "$(cat "$task/comm" 2>/dev/null)" = event-processor ]; then
      awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "$task/stat"
      return
    fi
  done
  echo 0
}

load_average() {
  cut -d' ' -f1 /proc/loadavg
}

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if [ -z "$(ss -Htln "( sport = :$p )")" ]; then
      echo "$p"
      return
    fi
  done
  fail "no free port found"
}

# start_app NAME RULES_DIR PROCESSOR_ENABLED [extra java options]: a free port can be taken by
# another job between the check and the bind, so a start that loses that race is tried again.
start_app() {
  for _ in 1 2 3; do
    launch_app "$@" && return
    grep -q 'seems to be in use' "$current_log" || fail "the service ($1) exited at start"
    echo "port $port was taken meanwhile; trying another" >&2
  done
  fail "the service ($1) found no free port in 3 attempts"
}

# launch_app: as start_app, once; false when the service exited before answering
launch_app() {
  local name=$1 rules=$2 processor=$3 java_extra=${4:-}
  port=$(free_port)
  current_log="$work/$name.log"
  # The options go in a file (java @file), so the command line does not name the jar: on a shared
  # machine, someone else's broad pkill -f of it would stop this run half-way.
  # shellcheck disable=SC2086 # JAVA_OPTS and java_extra are lists of options
  printf '%s\n' $JAVA_OPTS $java_extra -jar "$root/$jar" > "$work/$name.args"
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    TRUUST_DATA_DIR="$work/data" TRUUST_RULES_DIR="$rules" \
    TRUUST_WEBHOOK_SECRETS=bench TRUUST_ADMIN_TOKEN="$token" \
    TRUUST_PROCESSOR_ENABLED="$processor" TRUUST_PROCESSOR_BATCH_SIZE="$BATCH" \
    TRUUST_ACTIONS_ENABLED=false TRUUST_MAIL_DRY_RUN=true \
    java "@$work/$name.args" > "$current_log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/stats" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
      wait "$app_pid" 2>/dev/null || true
      app_pid=""
      return 1
    fi
    sleep 0.2
  done
  fail "the service ($name) did not answer within 120 s"
}

stop_app() {
  [ -n "$app_pid" ] || return 0
  kill -TERM "$app_pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

stats() {
  curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/stats"
}

# The processed-events counter: cheap to poll (no database query), bumped after each batch commits.
processed_counter() {
  curl -fsS "http://127.0.0.1:$port/q/metrics" | awk '/^truust_events_processed_total/ { n = $2 } END { printf "%d", n }'
}

load_events() {
  start_app load "$work/rules" false
  mkdir -p "$work/markers"
  local per_thread=$(((EVENTS + THREADS - 1) / THREADS)) t0 t1 received
  echo "loading $((per_thread * THREADS)) events with wrk ($THREADS threads, $CONNECTIONS connections)..."
  t0=$(now)
  BENCH_PER_THREAD=$per_thread BENCH_MARKERS="$work/markers" BENCH_SECRET=bench \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${LOAD_TIMEOUT}s" --timeout 30s -s bench/processor/load.lua \
    "http://127.0.0.1:$port/webhooks/truust" > "$work/wrk.txt" 2>&1 &
  wrk_pid=$!
  for _ in $(seq 1 $((LOAD_TIMEOUT * 5))); do
    [ "$(find "$work/markers" -name 'done-*' | wc -l)" -ge "$THREADS" ] && break
    kill -0 "$wrk_pid" 2>/dev/null || break
    sleep 0.2
  done
  t1=$(now)
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" 2>/dev/null || true
  wrk_pid=""
  grep -E 'LOAD|Non-2xx|Socket errors' "$work/wrk.txt" || true
  received=$(stats | jq '.events.RECEIVED // 0')
  [ "$received" -gt 0 ] || { cat "$work/wrk.txt" >&2; fail "no event was stored"; }
  LOADED=$received
  printf 'loaded: %d events stored in %.1f s (%.0f events/s ingested)\n' "$LOADED" \
    "$(calc "$t1 - $t0")" "$(calc "$LOADED / ($t1 - $t0)")"
  stop_app
  cp -a "$work/data" "$work/data-loaded"
}

# process NAME RULES_DIR: restarts on a fresh copy of the loaded data and times the drain.
# Sets RATE (events/s), FIRINGS, ACTIONS.
process() {
  local name=$1 rules=$2 java_extra="" p0="" t0="" t1="" p deadline s cpu0 cpu1 thread0 thread1 load0 events
  rm -rf "$work/data"
  cp -a "$work/data-loaded" "$work/data"
  if [ "$PROFILE" = 1 ]; then
    mkdir -p "$out"
    java_extra="-XX:StartFlightRecording=filename=$root/$out/processor-$name.jfr,settings=profile"
  fi
  start_app "$name" "$rules" true "$java_extra"
  deadline=$(($(date +%s) + PROCESS_TIMEOUT))
  # Timed from the first poll that sees processing under way, counting only what is processed after it.
  while [ "$(date +%s)" -lt "$deadline" ]; do
    kill -0 "$app_pid" 2>/dev/null || fail "$name: the service exited while processing"
    p=$(processed_counter 2>/dev/null || true)
    p=${p:-0}
    if [ -z "$t0" ] && [ "$p" -gt 0 ]; then
      t0=$(now) p0=$p cpu0=$(cpu_seconds) thread0=$(processor_cpu_seconds) load0=$(load_average)
    fi
    if [ "$p" -ge "$LOADED" ]; then
      t1=$(now) cpu1=$(cpu_seconds) thread1=$(processor_cpu_seconds)
      break
    fi
    sleep 0.1
  done
  [ -n "$t1" ] || fail "$name: not all events processed within ${PROCESS_TIMEOUT} s"
  s=$(stats)
  [ "$(echo "$s" | jq '.events.RECEIVED // 0')" -eq 0 ] || fail "$name: /api/stats still shows RECEIVED events: $s"
  [ "$(echo "$s" | jq '.events.PROCESSED // 0')" -eq "$LOADED" ] || fail "$name: PROCESSED is not $LOADED: $s"
  events=$((LOADED - p0))
  RATE=$(calc "$events / ($t1 - $t0)")
  CPU_RATE=$(calc "$events / ($thread1 - $thread0 + 0.001)")
  SERVICE_CPU_RATE=$(calc "$events / ($cpu1 - $cpu0 + 0.001)")
  FIRINGS=$(echo "$s" | jq '.firings')
  ACTIONS=$(echo "$s" | jq '[.actions[]] | add // 0')
  printf '%-9s %d events in %.2f s after the first poll (%d before it): %.0f events/s; firings %d, action jobs %d\n' \
    "$name:" "$events" "$(calc "$t1 - $t0")" "$p0" "$RATE" "$FIRINGS" "$ACTIONS"
  printf '%-9s CPU %.2f s (service), %.2f s (event-processor thread: %.0f events per CPU-second); load average %s\n' \
    "" "$(calc "$cpu1 - $cpu0")" "$(calc "$thread1 - $thread0")" "$CPU_RATE" "$load0"
  grep -E 'ERROR' "$work/$name.log" | head -5 || true
  stop_app
}

for tool in java curl jq wrk; do
  command -v "$tool" >/dev/null || fail "needs $tool"
done
source bench/package.sh
ensure_h2_package
mkdir -p "$work/no-rules"
bench/processor/rules.sh "$work/rules" "$RULES"

load_events
process rules "$work/rules"
rules_rate=$RATE rules_cpu_rate=$CPU_RATE rules_service_rate=$SERVICE_CPU_RATE rules_firings=$FIRINGS
rules_actions=$ACTIONS
process no-rules "$work/no-rules"
base_rate=$RATE base_cpu_rate=$CPU_RATE base_service_rate=$SERVICE_CPU_RATE

# Every event evaluates the rules of its type: rules.sh spreads them evenly over load.lua's 5 types.
evaluations=$((LOADED * RULES / 5))
echo
echo "== Processor on H2: $LOADED events, $RULES rules ($((RULES / 5)) per event type), batch $BATCH =="
echo "(events/s on the wall clock; then per CPU-second of the whole service and of its event-processor thread)"
printf 'with %d rules: %8.0f events/s %8.0f /service CPU-s %8.0f /processor CPU-s  (%d evaluations, %d firings, %d action jobs)\n' \
  "$RULES" "$rules_rate" "$rules_service_rate" "$rules_cpu_rate" "$evaluations" "$rules_firings" "$rules_actions"
printf 'with 0 rules:   %8.0f events/s %8.0f /service CPU-s %8.0f /processor CPU-s  (baseline: storage and bookkeeping)\n' \
  "$base_rate" "$base_service_rate" "$base_cpu_rate"
awk -v r="$rules_rate" -v b="$base_rate" -v rc="$rules_cpu_rate" -v bc="$base_cpu_rate" 'BEGIN {
  printf "RATIO with rules / without = %.2f wall clock, %.2f processor CPU\n", r / b, rc / bc
  printf "TARGET 10,000 events/s with %s rules: %s\n", '"$RULES"', (r >= 10000 ? "MET" : "MISSED")
}'
echo "load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
