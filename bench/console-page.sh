#!/usr/bin/env bash
# Console scale benchmark: how long GET /console/events (the landing page: 100 events, newest first,
# with the rules each fired) takes with N events stored, against GET /api/events?limit=100 (the JSON
# API's page of 100) measured in the same run on the same data.
#
#   bench/console-page.sh                    # 1,000,000 events in a fresh H2 under target/bench-console
#   bench/console-page.sh --events 100000    # fewer
#
# Options: --events N  --requests 30  --port 18084  --rebuild (package again; else an existing package is used)
# Needs: java 17, curl. Loopback only. The H2 jar comes from the local Maven repository.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=1000000
REQUESTS=30
PORT=18084
REBUILD=false
ADMIN_TOKEN=bench-admin-token
DATA_DIR="$PWD/target/bench-console"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
APP_PID=

while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) EVENTS=$2; shift ;;
        --requests) REQUESTS=$2; shift ;;
        --port) PORT=$2; shift ;;
        --rebuild) REBUILD=true ;;
        *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
    shift
done
BASE="http://127.0.0.1:$PORT"

log() { printf '[bench] %s\n' "$*" >&2; }

stop_app() {
    [[ -z "$APP_PID" ]] && return 0
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}
trap stop_app EXIT

start_app() {
    TRUUST_DATA_DIR="$DATA_DIR" TRUUST_ADMIN_TOKEN=$ADMIN_TOKEN TRUUST_WEBHOOK_ALLOW_UNVERIFIED=true \
        TRUUST_RULES_DIR="$PWD/rules" TRUUST_ACTIONS_ENABLED=false \
        java $JAVA_OPTS -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar >"$DATA_DIR/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        curl -fs "$BASE/q/health/live" >/dev/null 2>&1 && return 0
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$DATA_DIR/app.log"; return 1; }
        sleep 1
    done
    log "the service did not start"; return 1
}

# Events of the sample's shape, one in ten with a firing of big-orders, spread over the last 7 days.
fill() {
    local h2 sql
    h2=$(ls ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar)
    sql="$DATA_DIR/fill.sql"
    cat >"$sql" <<SQL
INSERT INTO inbound_event (id, type, dedup_key, received_at, source_ip, headers, body, status, attempts, processed_at)
SELECT RANDOM_UUID(), CASE MOD(X, 4) WHEN 0 THEN 'order.released' ELSE 'order.published' END, 'bench:' || X,
       DATEADD('SECOND', -CAST((($EVENTS - X) * 604800 / $EVENTS) AS INT), CURRENT_TIMESTAMP), '127.0.0.1',
       '{"content-type":"application/json"}',
       '{"escrow":{"id":"' || (9000000 + X) || '","name":"Vintage camera","amount":' || MOD(X, 3000) || ',"currency":"EUR",'
         || '"status":"PUBLISHED","metadata":{"buyer_email":"buyer' || X || '@example.com","buyer_name":"Buyer ' || X || '"}},'
         || '"platform":"demo-marketplace"}',
       'PROCESSED', 1, CURRENT_TIMESTAMP
FROM SYSTEM_RANGE(1, $EVENTS);
INSERT INTO rule_firing (rule_id, firing_key, rule_version, event_id, fired_at)
SELECT 'big-orders', 'event:' || id, 'bench', id, received_at FROM inbound_event WHERE MOD(seq, 10) = 0;
SQL
    java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$DATA_DIR/truust-db" -user sa -script "$sql"
}

# Prints the median and 90th percentile of total times (ms) of REQUESTS calls, after 5 warm-up calls.
measure() {
    local url=$1; shift
    for _ in 1 2 3 4 5; do curl -fs -o /dev/null "$@" "$url"; done
    for _ in $(seq 1 "$REQUESTS"); do curl -fs -o /dev/null -w '%{time_total}\n' "$@" "$url"; done \
        | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f %.1f\n", t[int((NR + 1) / 2)], t[int(NR * 0.9)] }'
}

sign_in() {
    local jar=$DATA_DIR/cookies form csrf
    rm -f "$jar"
    form=$(curl -fs -c "$jar" "$BASE/console/sign-in")
    csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$form" | head -n 1)
    curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "token=$ADMIN_TOKEN" --data-urlencode "_csrf=$csrf" \
        "$BASE/console/sign-in"
    sed -n 's/.*truust_console\t\([^\t]*\)$/\1/p' "$jar" | tail -n 1
}

if [[ $REBUILD == true || ! -f target/quarkus-app/quarkus-run.jar ]]; then
    log "packaging"; ./mvnw -B -q package -DskipTests
fi
rm -rf "$DATA_DIR"; mkdir -p "$DATA_DIR"
log "creating the schema"; start_app; stop_app
log "storing $EVENTS events"; fill
start_app
session=$(sign_in)
[[ -n "$session" ]] || { log "could not sign in"; exit 1; }
log "load before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r api_median api_p90 < <(measure "$BASE/api/events?limit=100" -H "Authorization: Bearer $ADMIN_TOKEN")
read -r page_median page_p90 < <(measure "$BASE/console/events" -b "truust_console=$session")
read -r search_median search_p90 < <(measure "$BASE/console/events?rule=big-orders" -b "truust_console=$session")
printf 'events stored:                         %d\n' "$EVENTS"
printf 'baseline GET /api/events?limit=100:    median %s ms, p90 %s ms\n' "$api_median" "$api_p90"
printf 'GET /console/events (100 rows):        median %s ms, p90 %s ms (%.2fx baseline)\n' "$page_median" "$page_p90" \
    "$(awk -v a="$page_median" -v b="$api_median" 'BEGIN { print a / b }')"
printf 'GET /console/events?rule=big-orders:   median %s ms, p90 %s ms (%.2fx baseline)\n' "$search_median" "$search_p90" \
    "$(awk -v a="$search_median" -v b="$api_median" 'BEGIN { print a / b }')"
log "load after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
