#!/usr/bin/env bash
# Where the service's CPU goes under the comparison load: starts the packaged service (embedded H2,
# the promo rule of bench/compare with a log action, actions off), warms it up, then measures and
# prints events/s, the service's CPU per event, the CPU of each of its threads, the bytes it wrote
# per event and the calls per group commit. With JFR=1 it also records a JFR profile
# (target/bench/profile-<name>.jfr; read it with `jfr print --events jdk.ExecutionSample`).
#
#   bench/profile.sh                          60 s warm-up, 20 s measured
#   WARMUP=120s DURATION=30s JFR=1 bench/profile.sh
#   bench/profile.sh TRUUST_PROCESSOR_INLINE=false     extra VAR=value pass settings to the service
#
# Needs java 17, curl, jq, wrk. Loopback only; the service is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-60s}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
NAME=${NAME:-$(date -u +%Y%m%dT%H%M%S)}
JFR=${JFR:-0}
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
ensure_h2_package
mkdir -p target/bench

source bench/compare/rules.sh
write_promo_rules "$TMP/rules" "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" "$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
jfr_flag=()
[[ "$JFR" == 1 ]] && jfr_flag=("-XX:StartFlightRecording=filename=target/bench/profile-$NAME.jfr,settings=profile")
env "$@" TRUUST_DATA_DIR="$TMP/data" TRUUST_RULES_DIR="$TMP/rules" QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
    TRUUST_WEBHOOK_SECRETS=bench TRUUST_ADMIN_TOKEN=bench TRUUST_ACTIONS_ENABLED=false QUARKUS_LOG_CONSOLE_LEVEL=WARN \
    java -Xms512m -Xmx512m -XX:+UseParallelGC "${jfr_flag[@]}" -jar target/quarkus-app/quarkus-run.jar >"$TMP/app.log" 2>&1 &
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

echo "warm-up $WARMUP ..." >&2
load "$WARMUP" 1 >/dev/null
threads >"$TMP/t0"
bytes0=$(written)
commits0=$(metric truust_ingest_batch_size_count)
calls0=$(metric truust_ingest_batch_size_sum)
result=$(load "$DURATION" 2)
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
echo "unprocessed when the load stopped: $(curl -fsS -H 'Authorization: Bearer bench' "http://127.0.0.1:$PORT/api/stats" | jq '.events.RECEIVED // 0')"
[[ "$JFR" == 1 ]] && echo "JFR: stop the service to close target/bench/profile-$NAME.jfr (done on exit)"
exit 0
