#!/usr/bin/env bash
# H2 disk soak: does the embedded database file stay within a small multiple of its live data under
# steady webhook load, after retention purges and after a restart?
#
#   bench/soak.sh                          # 30 minutes at about 20 events/s, today's settings
#   bench/soak.sh --baseline --duration 10m   # the same with the settings before the fix
#
# Phases, each sampled into a CSV (one line a minute under load, more often after):
#   load     steady load; processed events older than --retention are purged every minute
#   idle     two minutes without load
#   stopped  after a graceful stop (H2 compacts for at most its MAX_COMPACT_TIME on close)
#   purge    started again with a retention of one second: every processed event is purged
#   restart  stopped and started again, 45 s idle
# Options: --duration 30m  --rate 20 (events/s, approximate)  --retention PT10M  --port 18190
#          --baseline (the H2 URL of main before the fix)
#          --out DIR (default target/soak)  --rebuild
# Needs: java 17, curl, unzip, wrk (installed with apt-get when missing). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=30m
RATE=20
RETENTION=PT10M
PORT=18190
BASELINE=false
REBUILD=false
OUT=target/soak
SECRET=soak-secret
ADMIN_TOKEN=soak-admin-token
BODY="$PWD/src/test/resources/payloads/order-published-sample.json"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}
# main's URL before the storage settings (commit 98e6ebb), for --baseline
OLD_URL_OPTIONS="DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64"
CONNECTIONS=2
APP_PID=
DATA_DIR=

usage() {
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION=$2; shift ;;
        --rate) RATE=$2; shift ;;
        --retention) RETENTION=$2; shift ;;
        --port) PORT=$2; shift ;;
        --baseline) BASELINE=true ;;
        --out) OUT=$2; shift ;;
        --rebuild) REBUILD=true ;;
        *) usage ;;
    esac
    shift
done
BASE="http://127.0.0.1:$PORT"
LABEL=$([[ "$BASELINE" == true ]] && echo baseline || echo current)
CSV="$OUT/soak-$LABEL.csv"

log() { printf '[soak %s %s] %s\n' "$LABEL" "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
    [[ -n "${SAMPLER_PID:-}" ]] && kill "$SAMPLER_PID" 2>/dev/null
    stop_app KILL
    [[ -n "$DATA_DIR" ]] && rm -rf "$DATA_DIR"
    return 0
}
trap cleanup EXIT
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR

need_wrk() {
    command -v wrk >/dev/null && return
    log "installing wrk"
    apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
}

source bench/package.sh

start_app() {
    local env=(TRUUST_DATA_DIR="$DATA_DIR" QUARKUS_HTTP_PORT="$PORT" TRUUST_WEBHOOK_SECRETS="$SECRET"
        TRUUST_ADMIN_TOKEN="$ADMIN_TOKEN" QUARKUS_LOG_CONSOLE_LEVEL=WARN TRUUST_MAIL_DRY_RUN=true
        TRUUST_RETENTION_INTERVAL=1m QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=30S "$@")
    if [[ "$BASELINE" == true ]]; then
        env+=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$DATA_DIR/truust-db;$OLD_URL_OPTIONS")
    fi
    # On a busy shared machine a start can miss the pool's acquisition timeout: one more try.
    for attempt in 1 2; do
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
        env "${env[@]}" java $JAVA_OPTS -jar "$APP_DIR/quarkus-run.jar" >>"$DATA_DIR/app.log" 2>&1 &
        APP_PID=$!
        for _ in $(seq 1 240); do
            curl -fsS -o /dev/null "$BASE/q/health/ready" 2>/dev/null && return
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.5
        done
        log "the service did not become ready (attempt $attempt)"
        stop_app KILL
    done
    log "its log:"
    cat "$DATA_DIR/app.log" >&2
    exit 1
}

stop_app() {
    [[ -z "$APP_PID" ]] && return
    kill "-$1" "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}

file_bytes() { stat -c %s "$DATA_DIR/truust-db.mv.db"; }

# Sums the numbers of one JSON object ({"A":1,"B":2}) in /api/stats' answer; 0 when it is empty.
sum_of() { sed -n "s/.*\"$1\":{\([^}]*\)}.*/\1/p" <<<"$2" | { grep -o ':[0-9][0-9]*' || true; } | tr -d : | awk '{ s += $1 } END { print s + 0 }'; }

# One CSV line: the file size and the live rows by kind (from /api/stats) while the service runs.
sample() {
    local phase=$1 stats events= processed= jobs= firings= bytes
    if [[ -n "$APP_PID" ]] && stats=$(curl -fsS -m 20 -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/api/stats" 2>/dev/null); then
        events=$(sum_of events "$stats")
        processed=$(sed -n 's/.*"PROCESSED":\([0-9]*\).*/\1/p' <<<"$stats" | head -n 1)
        processed=${processed:-0}
        jobs=$(sum_of actions "$stats")
        firings=$(sed -n 's/.*"firings":\([0-9]*\).*/\1/p' <<<"$stats")
    fi
    bytes=$(file_bytes)
    printf '%s,%s,%s,%s,%s,%s,%s,%s\n' "$(date -u +%H:%M:%S)" "$(($(date +%s) - T0))" "$phase" "$bytes" \
        "$events" "$processed" "$jobs" "$firings" >>"$CSV"
    log "$phase: file $((bytes / 1024 / 1024)) MiB, events ${events:-?} (processed ${processed:-?}), jobs ${jobs:-?}, firings ${firings:-?}"
}

sample_every() {
    local seconds=$1 phase=$2
    while true; do
        sleep "$seconds"
        sample "$phase"
    done
}

# Steady load: wrk waits delay ms after each answer on each connection, so the rate is about
# connections * 1000 / (delay + latency).
run_load() {
    local delay=$((CONNECTIONS * 1000 / RATE))
    BENCH_MODE=post BENCH_BODY="$BODY" BENCH_SECRET="$SECRET" BENCH_RUN=1 BENCH_DELAY_MS=$delay \
        wrk -t 1 -c "$CONNECTIONS" -d "$DURATION" --timeout 10s -s bench/wrk-ingest.lua \
        "$BASE/webhooks/truust/order-published" | tee "$OUT/soak-$LABEL-wrk.txt" | grep '^RESULT' >&2
}

main() {
    need_wrk
    [[ "$REBUILD" == true ]] && ./mvnw -B -q package -DskipTests
    ensure_h2_package
    mkdir -p "$OUT"
    # A copy, so that a build during the soak cannot change the service under test.
    APP_DIR="$OUT/app-$LABEL"
    rm -rf "$APP_DIR" && cp -r target/quarkus-app "$APP_DIR"
    echo "time_utc,elapsed_s,phase,file_bytes,events,events_processed,action_jobs,firings" >"$CSV"
    DATA_DIR=$(mktemp -d /tmp/truust-soak.XXXXXX)
    T0=$(date +%s)
    log "$(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg); $DURATION at about $RATE events/s, retention $RETENTION"
    start_app TRUUST_RETENTION_MAX_AGE="$RETENTION"
    sample start
    sample_every 60 load &
    SAMPLER_PID=$!
    run_load
    kill "$SAMPLER_PID"; wait "$SAMPLER_PID" 2>/dev/null || true
    sample load-end
    sample_every 30 idle &
    SAMPLER_PID=$!
    sleep 120
    kill "$SAMPLER_PID"; wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=

    stop_app TERM
    sample stopped
    # The retention job runs a minute after start, then every minute.
    start_app TRUUST_RETENTION_MAX_AGE=PT1S
    sample purge-start
    for _ in $(seq 1 8); do sleep 30; sample purge; done

    stop_app TERM
    sample stopped
    start_app TRUUST_RETENTION_MAX_AGE=PT1S
    sleep 45
    sample restart
    stop_app TERM
    sample final-stopped
    log "CSV: $CSV (app log kept: $OUT/soak-$LABEL-app.log)"
    cp "$DATA_DIR/app.log" "$OUT/soak-$LABEL-app.log"
}

main
