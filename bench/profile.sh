#!/usr/bin/env bash
# Where the service's CPU goes under the comparison load: starts the packaged service (embedded H2,
# the promo rule of bench/compare with a log action, actions running as deployed), warms it up, then
# measures and prints events/s, the service's CPU per event, the CPU of each of its threads, the
# bytes it wrote per event, the calls per group commit and the action jobs done and left. With
# JFR=1 it also records a JFR profile (target/bench/profile-<name>.jfr; read it with
# `jfr print --events jdk.ExecutionSample`). With DB=postgresql it runs the PostgreSQL build on
# database "profile" (re-created) and also prints what PostgreSQL did: commits and WAL flushes per
# event, the wait events of our backends sampled every 20 ms, and the action_job table's updates.
#
#   bench/profile.sh                          60 s warm-up, 20 s measured
#   WARMUP=120s DURATION=30s JFR=1 bench/profile.sh
#   DB=postgresql bench/profile.sh TRUUST_ACTIONS_ENABLED=false   extra VAR=value pass settings to the service
#
# Needs java 17, curl, jq, wrk. Loopback only; the service is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-60s}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
NAME=${NAME:-$(date -u +%Y%m%dT%H%M%S)}
JFR=${JFR:-0}
DB=${DB:-h2}
PG_DB=${PG_DB:-profile}
BODY="$PWD/src/test/resources/payloads/order-published-sample.json"
URL_PATH=/webhooks/truust/order-published
TMP=$(mktemp -d /tmp/truust-profile.XXXXXX)
PID=

cleanup() {
    [[ -n "$PID" ]] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source bench/package.sh
APP=target/quarkus-app
db_env=()
if [[ "$DB" == postgresql ]]; then
    APP=target/bench-postgresql
    [[ "$(package_kind "$APP" || true)" == postgresql ]] ||
        ./mvnw -B -q package -DskipTests -Ppostgresql -Dquarkus.package.output-directory=bench-postgresql
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
    db_env=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB" QUARKUS_DATASOURCE_USERNAME=postgres)
else
    ensure_h2_package
fi
mkdir -p target/bench

source bench/compare/rules.sh
write_promo_rules "$TMP/rules" "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" "$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
jfr_flag=()
[[ "$JFR" == 1 ]] && jfr_flag=("-XX:StartFlightRecording=filename=target/bench/profile-$NAME.jfr,settings=profile")
env "${db_env[@]}" "$@" TRUUST_DATA_DIR="$TMP/data" TRUUST_RULES_DIR="$TMP/rules" QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_HTTP_HOST=127.0.0.1 TRUUST_WEBHOOK_SECRETS=bench TRUUST_ADMIN_TOKEN=bench QUARKUS_LOG_CONSOLE_LEVEL=WARN \
    java ${PROFILE_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC} "${jfr_flag[@]}" -jar "$APP/quarkus-run.jar" >"$TMP/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 200); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
        "http://127.0.0.1:$PORT$URL_PATH" || true)" == 401 ]] && break
    kill -0 "$PID" 2>/dev/null || { cat "$TMP/app.log" >&2; exit 1; }
    sleep 0.3
done

load() {
    COMPARE_BODY="$BODY" COMPARE_SECRET=bench COMPARE_RUN=$2 \
        wrk -t 2 -c "$CONNECTIONS" -d "$1" --timeout 10s -s bench/compare/compare.lua "http://127.0.0.1:$PORT$URL_PATH" |
        grep '^RESULT'
}

# One line per thread name (numbered pool threads summed): "name cpu_ms".
threads() {
    local task
    for task in /proc/"$PID"/task/*; do
        printf '%s %s\n' "$(tr ' ' _ <"$task/comm" | sed 's/[-#]*[0-9]*$//')" \
            "$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "$task/stat")"
    done | awk '{ ms[$1] += $2 } END { for (n in ms) print n, ms[n] }' | sort
}
written() { awk '/^write_bytes/ { print $2 }' "/proc/$PID/io"; }
metric() { curl -fsS "http://127.0.0.1:$PORT/q/metrics" | awk -v m="$1" '$1 == m { printf "%d", $2 }'; }
stats() { curl -fsS -H 'Authorization: Bearer bench' "http://127.0.0.1:$PORT/api/stats"; }
jobs_done() { stats | jq '(.actions.DONE // 0) + (.actions.DEAD // 0)'; }
backlog() { stats | jq '(.actions.PENDING // 0) + (.actions.RUNNING // 0)'; }
pg() { psql -Atq -h 127.0.0.1 -U postgres -d "$PG_DB" -c "$1"; }
# PostgreSQL's counters: commits of our database, WAL records and flushes (all databases), action_job's updates.
pg_counters() {
    pg "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
    pg "SELECT wal_records || ' ' || wal_sync || ' ' || wal_bytes FROM pg_stat_wal"
    pg "SELECT n_tup_upd || ' ' || n_tup_hot_upd || ' ' || n_dead_tup || ' ' || coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'action_job'"
}
# Until the file $1 exists: what our backends wait for, every 20 ms, one line per sample and backend.
sample_waits() {
    while [[ ! -e "$1" ]]; do
        pg "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' ' || left(regexp_replace(query, '\s+', ' ', 'g'), 60)
            FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()"
        sleep 0.02
    done
}

echo "warm-up $WARMUP ..." >&2
load "$WARMUP" 1 >/dev/null
threads >"$TMP/t0"
bytes0=$(written)
commits0=$(metric truust_ingest_batch_size_count)
calls0=$(metric truust_ingest_batch_size_sum)
done0=$(jobs_done)
backlog0=$(backlog)
if [[ "$DB" == postgresql ]]; then
    pg_counters >"$TMP/pg0"
    sample_waits "$TMP/stop" >"$TMP/waits" &
    sampler=$!
fi
result=$(load "$DURATION" 2)
if [[ "$DB" == postgresql ]]; then
    touch "$TMP/stop"
    wait "$sampler"
    pg_counters >"$TMP/pg1"
fi
threads >"$TMP/t1"
bytes1=$(written)
commits=$(($(metric truust_ingest_batch_size_count) - commits0))
calls=$(($(metric truust_ingest_batch_size_sum) - calls0))

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$result"; }
ok=$(field ok_2xx)
join "$TMP/t0" "$TMP/t1" | awk -v n="$ok" '{ d = $3 - $2; total += d; if (d > 0) line[$1] = d }
    END {
        printf "service CPU: %d ms, %.0f us per event\n", total, total * 1000 / n
        for (t in line) printf "  %-28s %6d ms  %5.1f %%\n", t, line[t], line[t] * 100 / total
    }' | sort -k2 -n -r -t' ' | { read -r head; echo "$head"; sort -k2 -n -r; }
printf 'events/s: %.0f (2xx %d, non-2xx %d), p50 %.1f ms, p99 %.1f ms\n' \
    "$(awk -v n="$ok" -v us="$(field duration_us)" 'BEGIN { print n * 1e6 / us }')" "$ok" "$(field non_2xx)" \
    "$(awk -v us="$(field p50_us)" 'BEGIN { print us / 1000 }')" "$(awk -v us="$(field p99_us)" 'BEGIN { print us / 1000 }')"
printf 'written: %.1f KB per event; group commits: %d, %.1f calls each\n' \
    "$(awk -v b="$((bytes1 - bytes0))" -v n="$ok" 'BEGIN { print b / 1024 / n }')" "$commits" \
    "$(awk -v c="$calls" -v n="$commits" 'BEGIN { print (n ? c / n : 0) }')"
echo "unprocessed when the load stopped: $(stats | jq '.events.RECEIVED // 0')"
echo "resident memory: $(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$PID/status") MiB, at most $(awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$PID/status") MiB since the start"
echo "action jobs done during the run: $(($(jobs_done) - done0)); not done at its start $backlog0, at its end $(backlog)"
if [[ "$DB" == postgresql ]]; then
    paste -d ' ' "$TMP/pg0" "$TMP/pg1" | awk -v n="$ok" 'NR == 1 { printf "PostgreSQL: %.2f commits per event", ($2 - $1) / n }
        NR == 2 { printf ", %.2f WAL records and %.2f WAL flushes per event (all databases), %.0f WAL bytes per event\n", ($4 - $1) / n, ($5 - $2) / n, ($6 - $3) / n }
        NR == 3 { printf "action_job: %d updates (%d HOT), dead rows %d -> %d, index scans %d\n", $5 - $1, $6 - $2, $3, $7, $8 - $4 }'
    echo "wait events of our backends (samples every 20 ms; CPU = not waiting):"
    awk '{ w[$1]++; n++ } END { for (k in w) printf "  %-28s %5.1f %%\n", k, w[k] * 100 / n }' "$TMP/waits" | sort -k2 -n -r | head -12
    echo "statements most often seen active:"
    cut -d ' ' -f 2- "$TMP/waits" | sort | uniq -c | sort -n -r | head -8
fi
[[ "$JFR" == 1 ]] && echo "JFR: stop the service to close target/bench/profile-$NAME.jfr (done on exit)"
exit 0
