#!/usr/bin/env bash
# Truust API enrichment benchmark (issue 11): a burst of webhooks about a few orders against the
# packaged service, once without the API (enrichment off) and once with TRUUST_API_URL pointing at a
# fake Truust served by the benchmark's own JVM (bench/truust/EnrichmentBench.java). Reports the
# order and customer reads the service made (its metric truust.api.calls; at most one per order and
# one per customer) and webhooks accepted and processed per second, with the on/off ratio.
#
#   bench/truust-enrichment.sh [--events 1000] [--orders 100] [--warmup 200] [--senders 16] [--port 18090] [--rebuild]
#
# Needs: java 17 and the H2 package (built when missing, or with --rebuild). Loopback only. The
# figures mean little on a busy machine: the script warns when the load average is high.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=1000
ORDERS=100
WARMUP=200
SENDERS=16
PORT=18090
REBUILD=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) EVENTS=$2; shift ;;
        --orders) ORDERS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --senders) SENDERS=$2; shift ;;
        --port) PORT=$2; shift ;;
        --rebuild) REBUILD=true ;;
        *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
    shift
done

source bench/package.sh
if [[ "$REBUILD" == true ]]; then
    ./mvnw -B -q package -DskipTests
else
    ensure_h2_package
fi

load=$(cut -d ' ' -f 1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    echo "[bench] warning: load average $load on $(nproc) cores before the run; other work will skew the rates" >&2
fi

DATA_DIR=$(mktemp -d /tmp/truust-enrichment-bench.XXXXXX)
trap 'rm -rf "$DATA_DIR"' EXIT
CP="$(ls target/quarkus-app/app/truust-rules-*.jar | head -n 1):target/quarkus-app/lib/main/*"
java -cp "$CP" bench/truust/EnrichmentBench.java target/quarkus-app "$DATA_DIR" "$PORT" "$EVENTS" "$ORDERS" "$WARMUP" "$SENDERS"
