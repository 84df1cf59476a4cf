#!/usr/bin/env bash
# Side by side with Node-RED 4: the same webhook job (check the secret header, evaluate the promo
# condition, keep the event, answer 202) under the identical wrk load, one after the other, each
# from a fresh start (time to ready, the first 5 s of load), then warmed up and measured, then a
# kill -9 during load on each: acknowledged events against events kept. The service runs as
# deployed: its action dispatcher runs the rule's log job of every event, and the jobs not done
# when the load stops are reported as backlog.
#
#   bench/compare/run.sh [--postgresql]
#
# Options: --duration 15s  --warmup 60s  --connections 32  --threads 2  --kill-after 2.5
#          --postgresql (the PostgreSQL build on database "compare" at 127.0.0.1:5432, re-created)
#          --no-ingest (skip the diagnostic run with the rule processor off)
#          --aot (JDK 25's ahead-of-time cache: an aot-jar package, a cache recorded during 20 s of
#          the same load on a scratch data dir, then the service run on Temurin 25 with it)
# Needs: java 17, node 20 + npm (Node-RED 4 is installed from npm into a temporary folder), curl,
# jq, python3 (free ports), wrk (installed with apt-get when missing). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=15s
# Both servers compile their hot paths while the load runs; on a slow 2-core machine the JVM's C2
# compiler is still busy after 30 s, so the figures start after a minute of the same load.
WARMUP=60s
CONNECTIONS=32
THREADS=2
KILL_AFTER=2.5
SECRET=bench
ADMIN_TOKEN=compare-admin-token
HERE=bench/compare
BODY="$PWD/src/test/resources/payloads/order-published-sample.json"
JAVA_OPTS=${COMPARE_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
DB=h2
PG_DB=${COMPARE_PG_DB:-compare}
INGEST=true
AOT=false
JAVA=${COMPARE_JAVA:-java}
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
TMP=
PIDS=()

usage() {
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --kill-after) KILL_AFTER=$2; shift ;;
        --postgresql) DB=postgresql ;;
        --no-ingest) INGEST=false ;;
        --aot) AOT=true; JAVA=${COMPARE_JAVA:-$JDK25} ;;
        *) usage ;;
    esac
    shift
done

log() { printf '[compare] %s\n' "$*" >&2; }

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    [[ -n "$TMP" ]] && rm -rf "$TMP"
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need_wrk() {
    command -v wrk >/dev/null && return
    log "installing wrk"
    apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits until a POST without the secret gets 401: the route is up, whatever the server.
wait_up() {
    local url=$1 pid=$2 logfile=$3 code
    for _ in $(seq 1 1200); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$url" || true)
        [[ "$code" == 401 ]] && return
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    log "the server at $url did not come up; its log:"
    cat "$logfile" >&2
    exit 1
}

install_node_red() {
    log "installing Node-RED 4 into $TMP/nr"
    timeout 600 npm install --prefix "$TMP/nr" --no-audit --no-fund --loglevel=error node-red@4 >"$TMP/npm.log" 2>&1 \
        || { cat "$TMP/npm.log" >&2; exit 1; }
    NR_VERSION=$(node -p "require('$TMP/nr/node_modules/node-red/package.json').version")
    mkdir -p "$TMP/userdir"
    cp "$HERE/flows.json" "$HERE/settings.js" "$TMP/userdir/"
}

start_node_red() {
    NR_PORT=$(free_port)
    STARTED_NS=$(date +%s%N)
    COMPARE_SECRET=$SECRET COMPARE_OFFER_START=$OFFER_START COMPARE_EVENTS_FILE="$TMP/events.jsonl" \
        node "$TMP/nr/node_modules/node-red/red.js" --port "$NR_PORT" --userDir "$TMP/userdir" \
        --settings "$TMP/userdir/settings.js" flows.json >>"$TMP/node-red.log" 2>&1 &
    NR_PID=$!
    PIDS+=("$NR_PID")
    wait_up "http://127.0.0.1:$NR_PORT/webhooks/truust/order-published" "$NR_PID" "$TMP/node-red.log"
    READY_MS=$((($(date +%s%N) - STARTED_NS) / 1000000))
}

# The database kind is fixed at build time: the PostgreSQL build has a package folder of its own.
app_dir() {
    if [[ "$AOT" == true ]]; then echo "target/bench-aot-$DB"
    elif [[ "$DB" == h2 ]]; then echo target/quarkus-app
    else echo target/bench-postgresql; fi
}

build_app() {
    source bench/package.sh
    if [[ "$AOT" == true && "$(package_kind "$(app_dir)" || true)" != "$DB" ]]; then
        local profile=()
        [[ "$DB" == postgresql ]] && profile=(-Ppostgresql)
        log "building the $DB aot-jar package ($(app_dir))"
        ./mvnw -B -q package -DskipTests "${profile[@]}" -Dquarkus.package.jar.type=aot-jar \
            -Dquarkus.package.output-directory="$(basename "$(app_dir)")"
    elif [[ "$AOT" == true ]]; then
        return 0
    elif [[ "$DB" == h2 ]]; then
        ensure_h2_package
    elif [[ "$(package_kind target/bench-postgresql || true)" != postgresql ]]; then
        log "building the PostgreSQL package (target/bench-postgresql)"
        ./mvnw -B -q package -DskipTests -Ppostgresql -Dquarkus.package.output-directory=bench-postgresql
    fi
}

# A new, empty database for each start on a new data dir (PostgreSQL only).
fresh_db() {
    [[ "$DB" == postgresql ]] || return 0
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
}

# CPU time (ms) so far of PostgreSQL's backends on our database and of its shared background
# processes (WAL writer, checkpointer, ...), 0 on H2; backends of other databases are left out.
db_cpu_ms() {
    local pid total=0
    [[ "$DB" == postgresql ]] || { echo 0; return; }
    for pid in $(psql -Atq -h 127.0.0.1 -U postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DB' \
            OR backend_type NOT IN ('client backend', 'autovacuum worker', 'parallel worker')"); do
        total=$((total + $(stat_ms "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

# Starts the service on data dir $1 (default $TMP/data); further arguments are extra VAR=value.
start_app() {
    local data=${1:-$TMP/data}
    shift || true
    APP_PORT=${APP_PORT:-$(free_port)}
    local db=()
    [[ "$DB" == postgresql ]] && db=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
        QUARKUS_DATASOURCE_USERNAME=postgres)
    STARTED_NS=$(date +%s%N)
    # The log action writes one line per event: to a file, as a deployment's log would go.
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
    env TRUUST_DATA_DIR="$data" "${db[@]}" "$@" TRUUST_RULES_DIR="$TMP/rules" QUARKUS_HTTP_PORT="$APP_PORT" \
        QUARKUS_HTTP_HOST=127.0.0.1 TRUUST_WEBHOOK_SECRETS="$SECRET" TRUUST_ADMIN_TOKEN="$ADMIN_TOKEN" \
        "$JAVA" $JAVA_OPTS -jar "$(app_dir)/quarkus-run.jar" >>"$TMP/app.log" 2>&1 &
    APP_PID=$!
    PIDS+=("$APP_PID")
    wait_up "http://127.0.0.1:$APP_PORT/webhooks/truust/order-published" "$APP_PID" "$TMP/app.log"
    READY_MS=$((($(date +%s%N) - STARTED_NS) / 1000000))
}

# JDK 25's AOT cache: a training run under the comparison load on a scratch data dir (and database)
# records it when the JVM exits; the runs after it start with it.
train_aot() {
    local cache opts=$JAVA_OPTS
    cache="$PWD/$(app_dir)/app.aot"
    rm -f "$cache"
    log "recording the AOT cache $cache: 20s of load on a scratch service"
    fresh_db
    JAVA_OPTS="$opts -XX:AOTCacheOutput=$cache"
    start_app "$TMP/data-training"
    run_wrk 20s "http://127.0.0.1:$APP_PORT/webhooks/truust/order-published" 5 >/dev/null
    kill -TERM "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    [[ -s "$cache" ]] || { log "no AOT cache was written; the log:"; tail -n 30 "$TMP/app.log" >&2; exit 1; }
    JAVA_OPTS="$opts -XX:AOTCache=$cache"
    APP_PORT=
}

# Runs wrk and prints its RESULT line; the rest of wrk's report goes to stderr.
run_wrk() {
    local duration=$1 url=$2 run=$3 out
    out=$(COMPARE_BODY="$BODY" COMPARE_SECRET="$SECRET" COMPARE_RUN=$run \
        wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --timeout 10s -s "$HERE/compare.lua" "$url")
    printf '%s\n' "$out" | grep -v '^RESULT' | sed 's/^/    /' >&2
    printf '%s\n' "$out" | grep '^RESULT'
}

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

per_second() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", n * 1e6 / us }'; }

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

# CPU time (ms) in a /proc stat file: user + system.
stat_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "$1"; }

# CPU time (ms) a process has used so far; per event it is a figure that other work on a shared
# machine moves much less than throughput.
cpu_ms() { stat_ms "/proc/$1/stat"; }

# Resident memory (MiB) of a process now, and the most it has had since it started.
rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
peak_rss_mib() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# CPU time (ms) the JVM's JIT compiler threads have used so far (0 for a process without them).
jit_ms() {
    local task total=0
    for task in /proc/"$1"/task/*; do
        case "$(cat "$task/comm" 2>/dev/null)" in
            C1\ CompilerThre* | C2\ CompilerThre*)
                total=$((total + $(stat_ms "$task/stat"))) ;;
        esac
    done
    echo "$total"
}

# The first 5 s of load on a server that has just become ready; prints the RESULT line with the
# time it took to get ready and its CPU time in those 5 s.
fresh() {
    local name=$1 url=$2 pid=$3 cpu0 load result
    log "$name: ready after $READY_MS ms; 5s of load right away"
    load=$(cut -d ' ' -f 1 /proc/loadavg)
    cpu0=$(cpu_ms "$pid")
    result=$(run_wrk 5s "$url" 4)
    echo "$result cpu_ms=$(($(cpu_ms "$pid") - cpu0)) ready_ms=$READY_MS load=$load"
}

# Warm-up (left out of the figures), then the measured run; prints the measured RESULT line with
# the server's (and PostgreSQL's) CPU time during it, the load average just before it, and for the
# service the action jobs done during it and those not done at its start and end.
measure() {
    local name=$1 url=$2 pid=$3 cpu0 jit0 db0 done0 backlog0 load result
    log "$name: warm-up $WARMUP, then $DURATION at $CONNECTIONS connections, $THREADS threads"
    run_wrk "$WARMUP" "$url" 1 >/dev/null
    load=$(cut -d ' ' -f 1 /proc/loadavg)
    done0=$(jobs_done "$pid")
    backlog0=$(backlog "$pid")
    cpu0=$(cpu_ms "$pid")
    jit0=$(jit_ms "$pid")
    db0=$(db_cpu_ms)
    result=$(run_wrk "$DURATION" "$url" 2)
    result="$result cpu_ms=$(($(cpu_ms "$pid") - cpu0)) jit_ms=$(($(jit_ms "$pid") - jit0)) db_cpu_ms=$(($(db_cpu_ms) - db0))"
    echo "$result jobs_done=$(($(jobs_done "$pid") - done0)) backlog_start=$backlog0 backlog_end=$(backlog "$pid")" \
        "rss_mib=$(rss_mib "$pid") peak_rss_mib=$(peak_rss_mib "$pid") load=$load"
}

# Load for 5 s, kill -9 the server after KILL_AFTER seconds; prints the RESULT line.
load_and_kill() {
    local url=$1 pid=$2 out=$TMP/kill.out
    run_wrk 5s "$url" 3 >"$out" &
    local wrk_pid=$!
    sleep "$KILL_AFTER"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    wait "$wrk_pid" || true
    cat "$out"
}

stats() { curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$APP_PORT/api/stats"; }

# Action jobs of the service done so far, and those queued or running (0 for Node-RED, which has
# no queue: its flow does all of its work before it answers).
jobs_done() { if [[ "$1" == "${APP_PID:-}" ]]; then stats | jq '(.actions.DONE // 0) + (.actions.DEAD // 0)'; else echo 0; fi; }

backlog() {
    if [[ "$1" == "${APP_PID:-}" ]]; then stats | jq '(.actions.PENDING // 0) + (.actions.RUNNING // 0)'; else echo 0; fi
}

# Seconds until the service's backlog is done (at most 300 s); prints "-" when it was not.
drain_seconds() {
    local start=$SECONDS
    while (($(backlog "$APP_PID") > 0)); do
        ((SECONDS - start < 300)) || { echo -; return; }
        sleep 1
    done
    echo $((SECONDS - start))
}

stored_events() {
    curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$APP_PORT/api/stats" | jq '[.events[]] | add // 0'
}

# Events stored but not yet run through the rules: right after the measured load, how far the
# processing is behind the acknowledgements.
unprocessed_events() {
    curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$APP_PORT/api/stats" | jq '.events.RECEIVED // 0'
}

lines() { if [[ -f "$1" ]]; then wc -l <"$1"; else echo 0; fi; }

summary() {
    local name=$1 r=$2
    printf '%-11s %8s events/s   p50 %6s ms   p99 %7s ms   (2xx %s, non-2xx %s, socket errors %s)\n' "$name" \
        "$(per_second "$(field ok_2xx "$r")" "$(field duration_us "$r")")" "$(ms "$(field p50_us "$r")")" \
        "$(ms "$(field p99_us "$r")")" "$(field ok_2xx "$r")" "$(field non_2xx "$r")" "$(field socket_errors "$r")"
    printf '%-11s server CPU %s µs per event (JIT compiler threads: %s, PostgreSQL: %s); load average before: %s\n' "" \
        "$(per_event "$(field cpu_ms "$r")" "$r")" "$(per_event "$(field jit_ms "$r")" "$r")" \
        "$(per_event "$(field db_cpu_ms "$r")" "$r")" "$(sed -n 's/.* load=\([0-9.]*\).*/\1/p' <<<"$r")"
    printf '%-11s resident memory %s MiB at the end, %s MiB at most since the start\n' "" "$(field rss_mib "$r")" \
        "$(field peak_rss_mib "$r")"
}

# CPU µs per acknowledged event from a CPU time in ms.
per_event() { awk -v ms="${1:-0}" -v n="$(field ok_2xx "$2")" 'BEGIN { printf "%.0f", n ? ms * 1000 / n : 0 }'; }

rate() { per_second "$(field ok_2xx "$1")" "$(field duration_us "$1")"; }

fresh_summary() {
    local name=$1 r=$2
    printf '%-11s ready after %s ms; first 5 s of load: %s events/s, p99 %s ms, %s µs CPU per event\n' "$name" \
        "$(field ready_ms "$r")" "$(rate "$r")" "$(ms "$(field p99_us "$r")")" "$(per_event "$(field cpu_ms "$r")" "$r")"
}

backlog_summary() {
    local r=$1
    printf '%-11s action jobs done %s/s during the run; not done at its start %s, at its end %s; done %s s after the load\n' "" \
        "$(per_second "$(field jobs_done "$r")" "$(field duration_us "$r")")" "$(field backlog_start "$r")" \
        "$(field backlog_end "$r")" "$2"
}

durability() {
    local name=$1 acked=$2 kept=$3
    # kept can exceed acknowledged: requests in flight at the kill were written but never answered.
    printf '%-11s acknowledged %d, kept %d, lost %d (kept unanswered: %d)\n' "$name" "$acked" "$kept" \
        "$((acked > kept ? acked - kept : 0))" "$((kept > acked ? kept - acked : 0))"
}

main() {
    need_wrk
    build_app
    TMP=$(mktemp -d /tmp/truust-compare.XXXXXX)
    # An offer that started an hour ago, so the promo condition is true for every event on both sides.
    OFFER_START=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
    OFFER_END=$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)
    install_node_red
    source "$HERE/rules.sh"
    write_promo_rules "$TMP/rules" "$OFFER_START" "$OFFER_END"
    local load nr nr_fresh ours ours_fresh ingest nr_kill ours_kill nr_before ours_before ours_kept drained
    local nr_url ours_url ours_unprocessed
    load=$(cut -d ' ' -f 1 /proc/loadavg)

    start_node_red
    nr_url="http://127.0.0.1:$NR_PORT/webhooks/truust/order-published"
    nr_fresh=$(fresh "node-red" "$nr_url" "$NR_PID")
    nr=$(measure "node-red $NR_VERSION" "$nr_url" "$NR_PID")
    nr_before=$(lines "$TMP/events.jsonl")
    log "node-red: load for 5s, kill -9 after ${KILL_AFTER}s"
    nr_kill=$(load_and_kill "$nr_url" "$NR_PID")
    NR_KEPT=$(($(lines "$TMP/events.jsonl") - nr_before))

    [[ "$AOT" == true ]] && train_aot
    fresh_db
    start_app
    ours_url="http://127.0.0.1:$APP_PORT/webhooks/truust/order-published"
    ours_fresh=$(fresh truust-rules "$ours_url" "$APP_PID")
    ours=$(measure truust-rules "$ours_url" "$APP_PID")
    ours_unprocessed=$(unprocessed_events)
    log "truust-rules: waiting for the action backlog to be done"
    drained=$(drain_seconds)
    ours_before=$(stored_events)
    log "truust-rules: load for 5s, kill -9 after ${KILL_AFTER}s, restart on the same data"
    ours_kill=$(load_and_kill "$ours_url" "$APP_PID")
    start_app
    ours_kept=$(($(stored_events) - ours_before))
    kill -9 "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true

    if [[ "$INGEST" == true ]]; then
        # The same service with the rule processor off: what ingestion alone costs (diagnostic).
        APP_PORT=
        fresh_db
        start_app "$TMP/data-ingest" TRUUST_PROCESSOR_ENABLED=false
        ingest=$(measure "truust-rules, processor off" "http://127.0.0.1:$APP_PORT/webhooks/truust/order-published" "$APP_PID")
    fi

    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average before the run $load; $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "node-red $NR_VERSION on node $(node --version); truust-rules: $("$JAVA" -version 2>&1 | head -n 1), $JAVA_OPTS, $DB, actions on"
    echo "load: wrk -t $THREADS -c $CONNECTIONS; fresh start: 5s at once; steady state: $DURATION after a $WARMUP warm-up; a new event per request"
    fresh_summary "node-red" "$nr_fresh"
    fresh_summary "truust-rules" "$ours_fresh"
    summary "node-red" "$nr"
    summary "truust-rules" "$ours"
    backlog_summary "$ours" "$drained"
    printf '%-11s %s stored events not yet run through the rules when the load stopped\n' "" "$ours_unprocessed"
    [[ "$INGEST" == true ]] && summary "  ingest only" "$ingest"
    echo "truust-rules / node-red: throughput $(awk -v a="$(rate "$ours")" -v b="$(rate "$nr")" 'BEGIN { printf "%.2f", a / b }'), "\
"CPU per event $(awk -v a="$(per_event "$(field cpu_ms "$ours")" "$ours")" -v b="$(per_event "$(field cpu_ms "$nr")" "$nr")" \
        'BEGIN { printf "%.2f", a / b }'), first 5 s $(awk -v a="$(rate "$ours_fresh")" -v b="$(rate "$nr_fresh")" \
        'BEGIN { printf "%.2f", a / b }')"
    echo "kill -9 after ${KILL_AFTER}s of a 5s load:"
    durability "node-red" "$(field ok_2xx "$nr_kill")" "$NR_KEPT"
    durability "truust-rules" "$(field ok_2xx "$ours_kill")" "$ours_kept"
}

main
