#!/usr/bin/env bash
# Ingest benchmark: how many durable events per second the packaged service accepts, against a
# plain GET /q/health/live measured in the same run, and whether every 202 survives kill -9.
#
#   bench/ingest.sh                 # embedded H2 in a fresh temporary data dir
#   bench/ingest.sh --postgresql    # PostgreSQL build, database "bench" on 127.0.0.1:5432 (re-created)
#
# Options: --duration 20s  --warmup 10s  --connections 32  --threads 2  --port 18080
#          --rebuild (package again, e.g. after a code change; otherwise an existing package is used)
# Needs: java 17, curl, unzip, wrk (installed with apt-get when missing). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=h2
REBUILD=false
DURATION=20s
WARMUP=10s
CONNECTIONS=32
THREADS=2
PORT=18080
SECRET=bench-secret
ADMIN_TOKEN=bench-admin-token
BASE="http://127.0.0.1:$PORT"
BODY="$PWD/src/test/resources/payloads/order-published-sample.json"
# The heap is fixed so that runs compare; ParallelGC costs the least CPU on two cores.
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
PG_URL=jdbc:postgresql://127.0.0.1:5432/bench
APP_PID=
DATA_DIR=

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --postgresql) DB=postgresql ;;
        --rebuild) REBUILD=true ;;
        --duration) DURATION=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --port) PORT=$2; BASE="http://127.0.0.1:$PORT"; shift ;;
        *) usage ;;
    esac
    shift
done

log() { printf '[bench] %s\n' "$*" >&2; }

cleanup() {
    stop_app KILL
    [[ -n "$DATA_DIR" ]] && rm -rf "$DATA_DIR"
    return 0
}
trap cleanup EXIT

need_wrk() {
    command -v wrk >/dev/null && return
    log "installing wrk"
    apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
}

# The database kind is fixed at build time, so each kind has its own package; a package of the
# wrong kind (left by a manual -Ppostgresql build) is rebuilt.
app_dir() {
    if [[ "$DB" == h2 ]]; then echo target/quarkus-app; else echo target/bench-postgresql; fi
}

source bench/package.sh

built_kind() {
    package_kind "$(app_dir)"
}

build_app() {
    [[ "$REBUILD" == false && "$(built_kind || true)" == "$DB" ]] && return
    log "building the $DB package"
    if [[ "$DB" == h2 ]]; then
        ./mvnw -B -q package -DskipTests
    else
        ./mvnw -B -q package -DskipTests -Ppostgresql -Dquarkus.package.output-directory=bench-postgresql
    fi
    [[ "$(built_kind)" == "$DB" ]] || { log "the build did not produce a $DB package in $(app_dir)"; exit 1; }
}

prepare_db() {
    if [[ "$DB" == postgresql ]]; then
        psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench'
    fi
}

start_app() {
    local env=(TRUUST_DATA_DIR="$DATA_DIR" QUARKUS_HTTP_PORT="$PORT" TRUUST_WEBHOOK_SECRETS="$SECRET"
        TRUUST_ADMIN_TOKEN="$ADMIN_TOKEN" QUARKUS_LOG_CONSOLE_LEVEL=WARN)
    if [[ "$DB" == postgresql ]]; then
        env+=(QUARKUS_DATASOURCE_JDBC_URL="$PG_URL" QUARKUS_DATASOURCE_USERNAME=postgres)
    fi
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
    env "${env[@]}" java $JAVA_OPTS -jar "$(app_dir)/quarkus-run.jar" >>"$DATA_DIR/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        curl -fsS -o /dev/null "$BASE/q/health/ready" 2>/dev/null && return
        kill -0 "$APP_PID" 2>/dev/null || break
        sleep 0.5
    done
    log "the service did not become ready; its log:"
    cat "$DATA_DIR/app.log" >&2
    exit 1
}

stop_app() {
    [[ -z "$APP_PID" ]] && return
    kill "-$1" "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}

# Prints wrk's RESULT line; the full wrk report goes to stderr. The run number (a digit) keeps
# the escrow ids of separate wrk runs apart.
run_wrk() {
    local mode=$1 duration=$2 url=$3 run=${4:-1} out
    out=$(BENCH_MODE=$mode BENCH_BODY="$BODY" BENCH_SECRET="$SECRET" BENCH_RUN=$run \
        wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --timeout 10s -s bench/wrk-ingest.lua "$url")
    printf '%s\n' "$out" | grep -v '^RESULT' | sed 's/^/    /' >&2
    printf '%s\n' "$out" | grep '^RESULT'
}

# CPU time (ms) the service has used so far; per request it is a figure that contention on a shared
# machine moves much less than throughput.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$APP_PID/stat"; }

per_request() { awk -v ms="$1" -v n="$2" 'BEGIN { printf "%.0f", ms * 1000 / n }'; }

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

per_second() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", n * 1e6 / us }'; }

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

# Counts stored events through the admin API, 1000 per page; bounded by the number of pages.
count_events() {
    local total=0 before="" page next max_pages=$(($1 / 1000 + 10))
    for _ in $(seq 1 "$max_pages"); do
        page=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/api/events?limit=1000${before:+&before=$before}")
        total=$((total + $(grep -o '"seq":' <<<"$page" | wc -l)))
        next=$(sed -n 's/.*"next":\([0-9][0-9]*\).*/\1/p' <<<"$page")
        [[ -z "$next" ]] && { echo "$total"; return; }
        before=$next
    done
    log "more pages than expected"
    echo "$total"
}

# The figures are only comparable on an otherwise idle machine; say so when it is not.
check_idle() {
    local load
    load=$(cut -d ' ' -f 1 /proc/loadavg)
    if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
        log "warning: load average $load on $(nproc) cores before the run; other work will skew the figures"
    fi
}

main() {
    need_wrk
    build_app
    prepare_db
    check_idle
    DATA_DIR=$(mktemp -d /tmp/truust-bench.XXXXXX)
    LOAD_BEFORE=$(cut -d ' ' -f 1 /proc/loadavg)
    start_app
    log "$DB: warm-up $WARMUP, then $DURATION at $CONNECTIONS connections, $THREADS threads"
    local warm ingest health cpu0 cpu1 cpu2
    warm=$(run_wrk post "$WARMUP" "$BASE/webhooks/truust/order-published" 1)
    cpu0=$(cpu_ms)
    ingest=$(run_wrk post "$DURATION" "$BASE/webhooks/truust/order-published" 2)
    cpu1=$(cpu_ms)
    run_wrk get 5s "$BASE/q/health/live" >/dev/null
    cpu2=$(cpu_ms)
    health=$(run_wrk get "$DURATION" "$BASE/q/health/live")
    INGEST_CPU_MS=$((cpu1 - cpu0))
    HEALTH_CPU_MS=$(($(cpu_ms) - cpu2))

    # Durability: kill -9, start again on the same data, count what is stored.
    stop_app KILL
    start_app
    local acked stored
    acked=$(($(field accepted "$warm") + $(field accepted "$ingest")))
    stored=$(count_events "$acked")
    report "$ingest" "$health" "$acked" "$stored"
}

report() {
    local ingest=$1 health=$2 acked=$3 stored=$4 events_s health_s
    events_s=$(per_second "$(field accepted "$ingest")" "$(field duration_us "$ingest")")
    health_s=$(per_second "$(field requests "$health")" "$(field duration_us "$health")")
    echo "database:            $DB ($(nproc) cores, load average before the run: $LOAD_BEFORE)"
    echo "accepted events/s:   $events_s  (202: $(field accepted "$ingest"), other 2xx: $(field other_2xx "$ingest"), non-2xx: $(field non_2xx "$ingest"), socket errors: $(field socket_errors "$ingest"))"
    echo "ingest latency:      p50 $(ms "$(field p50_us "$ingest")") ms, p99 $(ms "$(field p99_us "$ingest")") ms"
    echo "health baseline:     $health_s req/s, p50 $(ms "$(field p50_us "$health")") ms, p99 $(ms "$(field p99_us "$health")") ms"
    echo "ratio events/health: $(awk -v a="$events_s" -v b="$health_s" 'BEGIN { printf "%.2f", a / b }')"
    echo "service CPU:         $(per_request "$INGEST_CPU_MS" "$(field requests "$ingest")") us per event, $(per_request "$HEALTH_CPU_MS" "$(field requests "$health")") us per health request"
    if ((stored >= acked)); then
        echo "durability:          OK, $stored events stored after kill -9 >= $acked acknowledged (warm-up included)"
    else
        echo "durability:          LOST EVENTS, $stored stored after kill -9 < $acked acknowledged"
        exit 1
    fi
}

main
