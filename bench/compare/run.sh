#!/usr/bin/env bash
# Side by side with Node-RED 4: the same webhook job (check the secret header, evaluate the promo
# condition, keep the event, answer 202) under the identical wrk load, one after the other, then a
# kill -9 during load on each: acknowledged events against events kept.
#
#   bench/compare/run.sh
#
# Options: --duration 15s  --warmup 60s  --connections 32  --threads 2  --kill-after 2.5
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
TMP=
PIDS=()

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --kill-after) KILL_AFTER=$2; shift ;;
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
    for _ in $(seq 1 240); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$url" || true)
        [[ "$code" == 401 ]] && return
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
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
    COMPARE_SECRET=$SECRET COMPARE_OFFER_START=$OFFER_START COMPARE_EVENTS_FILE="$TMP/events.jsonl" \
        node "$TMP/nr/node_modules/node-red/red.js" --port "$NR_PORT" --userDir "$TMP/userdir" \
        --settings "$TMP/userdir/settings.js" flows.json >>"$TMP/node-red.log" 2>&1 &
    NR_PID=$!
    PIDS+=("$NR_PID")
    wait_up "http://127.0.0.1:$NR_PORT/webhooks/truust/order-published" "$NR_PID" "$TMP/node-red.log"
}

build_app() {
    source bench/package.sh
    ensure_h2_package
}

# Starts the service on data dir $1 (default $TMP/data); further arguments are extra VAR=value.
start_app() {
    local data=${1:-$TMP/data}
    shift || true
    APP_PORT=${APP_PORT:-$(free_port)}
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
    env TRUUST_DATA_DIR="$data" "$@" TRUUST_RULES_DIR="$TMP/rules" QUARKUS_HTTP_PORT="$APP_PORT" \
        QUARKUS_HTTP_HOST=127.0.0.1 TRUUST_WEBHOOK_SECRETS="$SECRET" TRUUST_ADMIN_TOKEN="$ADMIN_TOKEN" \
        TRUUST_ACTIONS_ENABLED=false QUARKUS_LOG_CONSOLE_LEVEL=WARN \
        java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >>"$TMP/app.log" 2>&1 &
    APP_PID=$!
    PIDS+=("$APP_PID")
    wait_up "http://127.0.0.1:$APP_PORT/webhooks/truust/order-published" "$APP_PID" "$TMP/app.log"
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

# Warm-up (left out of the figures), then the measured run; prints the measured RESULT line with
# the server's CPU time during it and the load average just before it.
measure() {
    local name=$1 url=$2 pid=$3 cpu0 jit0 load result
    log "$name: warm-up $WARMUP, then $DURATION at $CONNECTIONS connections, $THREADS threads"
    run_wrk "$WARMUP" "$url" 1 >/dev/null
    load=$(cut -d ' ' -f 1 /proc/loadavg)
    cpu0=$(cpu_ms "$pid")
    jit0=$(jit_ms "$pid")
    result=$(run_wrk "$DURATION" "$url" 2)
    echo "$result cpu_ms=$(($(cpu_ms "$pid") - cpu0)) jit_ms=$(($(jit_ms "$pid") - jit0)) load=$load"
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
    printf '%-11s server CPU %s ms per 1000 events (JIT compiler threads: %s); load average before: %s\n' "" \
        "$(awk -v ms="$(field cpu_ms "$r")" -v n="$(field ok_2xx "$r")" 'BEGIN { printf "%.0f", ms * 1000 / n }')" \
        "$(awk -v ms="$(field jit_ms "$r")" -v n="$(field ok_2xx "$r")" 'BEGIN { printf "%.0f", ms * 1000 / n }')" \
        "$(sed -n 's/.* load=\([0-9.]*\).*/\1/p' <<<"$r")"
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
    local load nr ours ingest nr_kill ours_kill nr_before ours_before ours_kept ours_unprocessed
    load=$(cut -d ' ' -f 1 /proc/loadavg)

    start_node_red
    nr=$(measure "node-red $NR_VERSION" "http://127.0.0.1:$NR_PORT/webhooks/truust/order-published" "$NR_PID")
    nr_before=$(lines "$TMP/events.jsonl")
    log "node-red: load for 5s, kill -9 after ${KILL_AFTER}s"
    nr_kill=$(load_and_kill "http://127.0.0.1:$NR_PORT/webhooks/truust/order-published" "$NR_PID")
    NR_KEPT=$(($(lines "$TMP/events.jsonl") - nr_before))

    start_app
    ours=$(measure truust-rules "http://127.0.0.1:$APP_PORT/webhooks/truust/order-published" "$APP_PID")
    ours_unprocessed=$(unprocessed_events)
    ours_before=$(stored_events)
    log "truust-rules: load for 5s, kill -9 after ${KILL_AFTER}s, restart on the same data"
    ours_kill=$(load_and_kill "http://127.0.0.1:$APP_PORT/webhooks/truust/order-published" "$APP_PID")
    start_app
    ours_kept=$(($(stored_events) - ours_before))
    kill -9 "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true

    # The same service with the rule processor off: what ingestion alone costs (diagnostic).
    APP_PORT=
    start_app "$TMP/data-ingest" TRUUST_PROCESSOR_ENABLED=false
    ingest=$(measure "truust-rules, processor off" "http://127.0.0.1:$APP_PORT/webhooks/truust/order-published" "$APP_PID")

    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average before the run $load; $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "node-red $NR_VERSION on node $(node --version); truust-rules: $(java -version 2>&1 | head -n 1), $JAVA_OPTS, embedded H2"
    echo "load: wrk -t $THREADS -c $CONNECTIONS -d $DURATION after a $WARMUP warm-up, a new event per request"
    summary "node-red" "$nr"
    summary "truust-rules" "$ours"
    printf '%-11s %s of %s stored events not yet processed when the load stopped\n' "" "$ours_unprocessed" "$ours_before"
    summary "  ingest only" "$ingest"
    echo "throughput ratio truust-rules / node-red: $(awk -v a="$(per_second "$(field ok_2xx "$ours")" "$(field duration_us "$ours")")" \
        -v b="$(per_second "$(field ok_2xx "$nr")" "$(field duration_us "$nr")")" 'BEGIN { printf "%.2f", a / b }')"
    echo "kill -9 after ${KILL_AFTER}s of a 5s load:"
    durability "node-red" "$(field ok_2xx "$nr_kill")" "$NR_KEPT"
    durability "truust-rules" "$(field ok_2xx "$ours_kill")" "$ours_kept"
}

main
