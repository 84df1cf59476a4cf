#!/usr/bin/env bash
# End-to-end benchmark (issue 4, "Performance"): order.published webhooks posted at a fixed rate
# (default 500/s for 60 s, open loop) to the packaged service, once with a log-only rule (baseline)
# and once with the promo rule (promo-code, then an e-mail to a local GreenMail SMTP sink).
# Reports receipt → SMTP acceptance latency (p50/p95/p99/max), mails/s, duplicates and missing mails,
# the service's own truust_actions_latency_seconds, where the time went per stage, and the ratio to
# the baseline. Everything runs on loopback in a fresh temp dir and is stopped on exit.
#
#   bench/e2e.sh                         # both runs, 500/s × 60 s
#   RATE=100 DURATION=10 bench/e2e.sh    # a quick try
#   MODES=promo bench/e2e.sh             # the promo run only
#   DB=postgresql MODES=promo bench/e2e.sh   # the PostgreSQL build, on database e2e_<mode> at 127.0.0.1:5432 (re-created)
#   TARGET=nodered bench/e2e.sh          # the same load, sink and report against Node-RED 4 running the promo rule
#                                        # as a flow (bench/e2e/nodered-promo-flow.json, e-mail via node-red-node-email)
#   KILL_AFTER=10 MODES=promo bench/e2e.sh   # kill -9 the target 10 s into the measured load, restart it at once
#
# TARGET=nodered: Node-RED 4 and node-red-node-email are installed from npm into the temp dir (or taken from
# NODE_RED_DIR, a folder holding both in node_modules). The flow does what the rule first-day-buyers does in the
# promo run: the X-Truust-Secret check (401), the offer window on the receipt time, once per buyer and the next
# code of the same pool (both in the flow's in-memory context), 202, then the e-mail to the sink. Node-RED has no
# admin API: its work counts as finished when every acknowledged request has its mail or no mail came for QUIET s.
# Both targets' latency is the driver's send of a request to the sink's acceptance of its mail, on the driver's clock.
#
# KILL_AFTER: the target (service or Node-RED) is killed with SIGKILL that many seconds after the measured load
# started and restarted on the same data dir (service) or user dir (Node-RED: its in-memory context is gone). The
# load goes on meanwhile; calls that fail while it is down are not retried (they count as non-2xx). The report's
# missing = acknowledged (2xx) but no mail, duplicates = mails beyond the first per request, codes_reused = a code
# mailed twice. CPU figures are left out (NaN): the process measured at the end is not the one at the start.
#
# Before the measured load, WARMUP s at WARMUP_RATE/s warm the JVM; the loader waits until that work is
# done, and the report leaves those events and mails out.
#
# Settings (env):
#   RATE (500), DURATION (60 s), MODES ("log promo"), POOL_CODES (40000), DRAIN_TIMEOUT (1800 s: longest wait
#   for the jobs after the load), WARMUP (20 s; 0 = measure a cold start), WARMUP_RATE (100/s),
#   SINK_NODELAY (true: TCP_NODELAY on the sink's sockets, see E2eDriver.startSink; false = plain GreenMail,
#   which stalls every SMTP connection ~40 ms), JAR (another build to measure, e.g. a candidate fix),
#   SERVICE_JAVA_OPTS ("-Xmx1g"), SERVICE_ENV (extra NAME=value settings for the service, e.g.
#   "TRUUST_ACTIONS_CONCURRENCY=12"), KEEP=1 keeps the temp dir (logs, H2 files, /q/metrics dumps),
#   TARGET (truust | nodered), KILL_AFTER (unset), QUIET (40 s, TARGET=nodered only), NODE_RED_DIR (unset).
# Needs java 17+, python3 (free ports) and ~10 GB free in /tmp (H2 files grow to GBs under CHECKPOINT per commit).
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-500}
DURATION=${DURATION:-60}
TARGET=${TARGET:-truust}
if [[ $TARGET == nodered ]]; then MODES=${MODES:-promo}; else MODES=${MODES:-log promo}; fi
KILL_AFTER=${KILL_AFTER:-}
# Longer than nodemailer's greeting timeout (30 s): a mail still waiting for the sink's greeting is not missing yet.
QUIET=${QUIET:-40}
NODE_RED_DIR=${NODE_RED_DIR:-}
POOL_CODES=${POOL_CODES:-40000}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-1800}
WARMUP=${WARMUP:-20}
WARMUP_RATE=${WARMUP_RATE:-100}
SINK_NODELAY=${SINK_NODELAY:-true}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx1g}
SERVICE_ENV=${SERVICE_ENV:-}
DB=${DB:-h2}
GREENMAIL_VERSION=2.1.13
if [[ $DB == postgresql ]]; then JAR=${JAR:-target/bench-postgresql/quarkus-run.jar}; else JAR=${JAR:-target/quarkus-app/quarkus-run.jar}; fi
GREENMAIL=target/bench-lib/greenmail-standalone-$GREENMAIL_VERSION.jar
SECRET=bench-secret-$RANDOM$RANDOM
ADMIN_TOKEN=bench-admin-$RANDOM$RANDOM
# Node-RED runs get a prefix of their own: a cleanup of kept /tmp/bench-e2e.* dirs on this shared machine
# removed the dir of a Node-RED run under way.
if [[ $TARGET == nodered ]]; then WORK=$(mktemp -d /tmp/nodered-e2e.XXXXXX); else WORK=$(mktemp -d /tmp/bench-e2e.XXXXXX); fi
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  [[ -n ${DRIVER:-} ]] && kill -KILL "$DRIVER" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[e2e $(date +%H:%M:%S)] $*" >&2; }

# A job of another session on this shared machine sent SIGTERM to our java processes five times in a row
# (whatever their command lines). So the JVMs run under names of their own (symlinks to the java launcher)
# with their options in @files: neither the process name nor the command line says java, quarkus or greenmail.
link_java() {
  mkdir -p "$WORK/bin"
  ln -s "$(readlink -f "$(command -v java)")" "$WORK/bin/e2e-driver"
  ln -s "$(readlink -f "$(command -v java)")" "$WORK/bin/e2e-service"
  ln -s "$(readlink -f "$(command -v node)")" "$WORK/bin/e2e-nodered"
}

args_file() {
  local file=$1
  shift
  printf '"%s"\n' "$@" > "$file"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Node-RED 4 and node-red-node-email from npm, as bench/compare/run.sh installs Node-RED.
install_node_red() {
  if [[ -z $NODE_RED_DIR ]]; then
    NODE_RED_DIR=$WORK/nr
    log "installing Node-RED 4 and node-red-node-email into $NODE_RED_DIR"
    timeout 600 npm install --prefix "$NODE_RED_DIR" --no-audit --no-fund --loglevel=error node-red@4 node-red-node-email \
      > "$WORK/npm.log" 2>&1 || { cat "$WORK/npm.log" >&2; exit 1; }
  fi
  NR_VERSION=$(node -p "require('$NODE_RED_DIR/node_modules/node-red/package.json').version")
  NR_EMAIL_VERSION=$(node -p "require('$NODE_RED_DIR/node_modules/node-red-node-email/package.json').version")
}

prepare() {
  source bench/package.sh
  if [[ $TARGET == nodered ]]; then
    [[ " $MODES " != *" log "* ]] || { log "TARGET=nodered has the promo run only (MODES=promo)"; exit 1; }
    install_node_red
  elif [[ $JAR == target/quarkus-app/quarkus-run.jar ]]; then
    ensure_h2_package
  elif [[ $JAR == target/bench-postgresql/quarkus-run.jar ]]; then
    [[ "$(package_kind target/bench-postgresql || true)" == postgresql ]] ||
      ./mvnw -B -q package -DskipTests -Ppostgresql -Dquarkus.package.output-directory=bench-postgresql
  elif [[ ! -f $JAR ]]; then
    log "no $JAR"; exit 1
  fi
  if [[ ! -f $GREENMAIL ]]; then
    log "fetching GreenMail $GREENMAIL_VERSION from Maven Central"
    ./mvnw -B -q dependency:copy -Dartifact=com.icegreen:greenmail-standalone:$GREENMAIL_VERSION \
      -DoutputDirectory=target/bench-lib
  fi
  link_java
  # The JDBC driver Stages.java reads the service's rows with, from the package itself.
  if [[ $TARGET == nodered ]]; then
    DB_JAR=
  elif [[ $DB == postgresql ]]; then
    DB_JAR=$(ls "$(dirname "$JAR")"/lib/main/org.postgresql.postgresql-*.jar | head -1)
  else
    DB_JAR=$(ls "$(dirname "$JAR")"/lib/main/com.h2database.h2-*.jar | head -1)
  fi
}

# offers.yaml whose black-friday window opened a minute ago, so that the promo condition holds.
write_offers() {
  local start end
  start=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
  end=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
  OFFER_START=$start  # for the Node-RED flow
  printf 'offers:\n  black-friday:\n    start: %s\n    end: %s\n' "$start" "$end" > "$1/offers.yaml"
}

# The sample promo rule as shipped, without its limit of 500 firings; a pool big enough; its template.
write_promo_rules() {
  local dir=$1
  mkdir -p "$dir/pools" "$dir/templates"
  sed '/^limit:/d' rules/first-day-buyers.yaml > "$dir/first-day-buyers.yaml"
  grep -q '^once-per:' "$dir/first-day-buyers.yaml"
  cp rules/templates/promo-thanks.html "$dir/templates/"
  seq -f 'BENCH-%06g' 1 "$POOL_CODES" > "$dir/pools/BF2026.txt"
  write_offers "$dir"
}

# The same trigger, condition and once-per, with one log action: the cost of the pipeline without SMTP.
write_log_rules() {
  local dir=$1
  mkdir -p "$dir"
  sed -e 's/^id: .*/id: bench-log/' -e '/^limit:/d' -e '/^actions:/,$d' rules/first-day-buyers.yaml > "$dir/bench-log.yaml"
  printf 'actions:\n  - log: { message: "bench order {escrow.id}" }\n' >> "$dir/bench-log.yaml"
  write_offers "$dir"
}

await_file() {
  local file=$1 pid=$2
  for _ in $(seq 1 240); do
    [[ -s $file ]] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

stop_service() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.5
  done
  log "service $pid did not stop in 30 s; killing it"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Starts the target on $port (the service on its data dir and database, or Node-RED on its user dir) and sets
# $service to its pid; a restart after a kill -9 calls it again with the same settings.
start_target() {
  local dir=$1
  if [[ $TARGET == nodered ]]; then
    mkdir -p "$dir/userdir"
    [[ -f $dir/userdir/flows.json ]] || cp bench/e2e/nodered-promo-flow.json "$dir/userdir/flows.json"
    env E2E_SECRETS="$SECRET" E2E_OFFER_START="$OFFER_START" E2E_POOL_FILE="$dir/rules/pools/BF2026.txt" \
      E2E_SMTP_PORT="$(cat "$dir/smtp.port")" \
      "$WORK/bin/e2e-nodered" "$NODE_RED_DIR/node_modules/node-red/red.js" --port "$port" --userDir "$dir/userdir" \
      --settings "$PWD/bench/e2e/nodered-settings.js" >> "$dir/service.log" 2>&1 &
  else
    env TRUUST_DATA_DIR="$dir/data" TRUUST_RULES_DIR="$dir/rules" TRUUST_WEBHOOK_SECRETS="$SECRET" \
      TRUUST_ADMIN_TOKEN="$ADMIN_TOKEN" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" "${smtp_env[@]}" "${db_env[@]}" $SERVICE_ENV \
      "$WORK/bin/e2e-service" @"$dir/service.args" >> "$dir/service.log" 2>&1 &
  fi
  service=$!
  PIDS+=("$service")
  echo "$service" > "$dir/service.pid"
}

# KILL_AFTER s after the measured load started (the driver writes load.started), kill -9 and restart the target;
# notes in kill.txt when, and how long until it answered again (401 to a call without the secret).
kill_and_restart() {
  local dir=$1 loader=$2 killed_ns up_ns code
  while [[ ! -f $dir/load.started ]]; do
    kill -0 "$loader" 2>/dev/null || return 0
    sleep 0.1
  done
  sleep "$KILL_AFTER"
  kill -9 "$service"
  killed_ns=$(date +%s%N)
  wait "$service" 2>/dev/null || true
  log "$mode: killed $TARGET ($service) with SIGKILL $KILL_AFTER s into the load; restarting it"
  start_target "$dir"
  for _ in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
      "http://127.0.0.1:$port/webhooks/truust/order.published" || true)
    [[ $code == 401 ]] && break
    sleep 0.1
  done
  up_ns=$(date +%s%N)
  echo "kill -9 $KILL_AFTER s into the load; answering again $(( (up_ns - killed_ns) / 1000000 )) ms later (restarted as pid $service)" > "$dir/kill.txt"
}

# One run: the loader (and, for promo, its SMTP sink) first, then the service on the sink's port.
run_mode() {
  local mode=$1 rule dir port loader service smtp_env=() db_env=() db_url
  dir=$WORK/$mode
  db_url=$dir/data/truust-db
  if [[ $DB == postgresql ]]; then
    db_url=jdbc:postgresql://127.0.0.1:5432/e2e_$mode
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS e2e_$mode WITH (FORCE)" -c "CREATE DATABASE e2e_$mode"
    db_env=(QUARKUS_DATASOURCE_JDBC_URL="$db_url" QUARKUS_DATASOURCE_USERNAME=postgres)
  fi
  mkdir -p "$dir/data"
  if [[ $mode == promo ]]; then rule=first-day-buyers; write_promo_rules "$dir/rules"; else rule=bench-log; write_log_rules "$dir/rules"; fi
  port=$(free_port)
  log "$mode: $RATE/s for $DURATION s against 127.0.0.1:$port (work dir $dir)"
  args_file "$dir/driver.args" -Xmx1g -cp "$GREENMAIL" bench/e2e/E2eDriver.java mode="$mode" rule="$rule" \
    url="http://127.0.0.1:$port" secret="$SECRET" admin-token="$ADMIN_TOKEN" rate="$RATE" seconds="$DURATION" out="$dir" \
    drain-timeout="$DRAIN_TIMEOUT" warmup-seconds="$WARMUP" warmup-rate="$WARMUP_RATE" sink-nodelay="$SINK_NODELAY" \
    target="$TARGET" quiet-seconds="$QUIET"
  "$WORK/bin/e2e-driver" @"$dir/driver.args" > "$dir/loader.out" 2> "$dir/loader.err" &
  loader=$!
  DRIVER=$loader  # it ignores SIGTERM (see E2eDriver.keepRunningOnSigterm): cleanup kills it by pid
  PIDS+=("$loader")
  if [[ $mode == promo ]]; then
    await_file "$dir/smtp.port" "$loader" || { cat "$dir/loader.err" >&2; return 1; }
    smtp_env=(TRUUST_MAIL_SMTP_HOST=127.0.0.1 TRUUST_MAIL_SMTP_PORT="$(cat "$dir/smtp.port")")
  fi
  args_file "$dir/service.args" $SERVICE_JAVA_OPTS -jar "$JAR"
  start_target "$dir"
  [[ -z $KILL_AFTER ]] || kill_and_restart "$dir" "$loader"
  local rc=0
  wait "$loader" || rc=$?
  kill -0 "$service" 2>/dev/null || log "$mode: the service had stopped before the driver was done (see $dir/service.log)"
  # Peak and current resident memory of the service after the whole run (warm-up, load and drain).
  awk '/^VmHWM|^VmRSS/ { printf "%s %d MiB  ", $1, $2 / 1024 }' /proc/"$service"/status > "$dir/rss.txt" 2>/dev/null || true
  stop_service "$service"
  if [[ $rc != 0 ]]; then
    log "$mode: loader failed ($rc$( ((rc > 128)) && echo ": killed by signal $((rc - 128)) from outside this script"))"; cat "$dir/loader.err" >&2; tail -20 "$dir/service.log" >&2; return 1
  fi
  if [[ $TARGET == nodered ]]; then
    echo "    (Node-RED keeps no rows to read)" > "$dir/stages.txt"
    # Less the two warnings of every start (projects off, credentials unencrypted: there are none).
    grep '\[warn\]\|\[error\]' "$dir/service.log" | grep -vc 'Projects disabled\|unencrypted credentials' > "$dir/service.warnings" || true
    # The most frequent ones (a mail the e-mail node failed to send is logged, and not retried).
    grep -o '\[\(warn\|error\)\] .*' "$dir/service.log" | grep -v 'Projects disabled\|unencrypted credentials' |
      sed 's/[0-9]\+/N/g' | sort | uniq -c | sort -rn | head -5 > "$dir/service.top-warnings" || true
  else
    java -cp "$DB_JAR" bench/e2e/Stages.java "$db_url" "$dir/done-$mode.properties" > "$dir/stages.txt" 2>&1 || true
    grep -c ' WARN \| ERROR ' "$dir/service.log" > "$dir/service.warnings" || true
  fi
}

value() { grep -h "^$2=" "$WORK/$1/result-$1.properties" 2>/dev/null | head -1 | cut -d= -f2-; }
done_value() { grep -h "^$2=" "$WORK/$1/done-$1.properties" 2>/dev/null | head -1 | cut -d= -f2-; }

# A timer histogram value; the service's timers stop at 30 s, beyond which only +Inf is known.
metric_ms() { local v; v=$(value "$1" "$2"); [[ $v == Infinity ]] && echo ">30000" || echo "${v:-?}"; }

summary() {
  echo
  echo "================ truust-rules end-to-end benchmark ================"
  echo "commit      $(git rev-parse --short HEAD) ($(git rev-parse --abbrev-ref HEAD))"
  echo "machine     $(nproc) cores; load average at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "load        $RATE/s for $DURATION s, open loop, order.published, distinct buyers;$( [[ $TARGET == nodered ]] || echo " database $DB;")" \
    "warm-up $WARMUP s at $WARMUP_RATE/s first (left out)"
  if [[ $TARGET == nodered ]]; then
    echo "target      Node-RED $NR_VERSION, node-red-node-email $NR_EMAIL_VERSION, node $(node --version)" \
      "(flow bench/e2e/nodered-promo-flow.json; work finished = every 2xx has its mail, or no mail for $QUIET s)"
  else
    echo "service     java $SERVICE_JAVA_OPTS; extra settings: ${SERVICE_ENV:-none}"
  fi
  echo "latency     request sent by the driver -> its mail accepted by the driver's SMTP sink, one JVM clock (both targets)"
  [[ -z $KILL_AFTER ]] || echo "kill -9     $TARGET killed $KILL_AFTER s into the measured load and restarted; failed calls are not retried"
  local mode
  for mode in $MODES; do
    echo
    echo "---- $mode run ($( [[ $mode == promo ]] && echo 'promo-code + e-mail to GreenMail SMTP' || echo 'one log action, no SMTP'))"
    sed 's/^/  /' "$WORK/$mode/loader.out"
    grep -h '^loader: warm-up' "$WORK/$mode/loader.err" | sed 's/^/  /' || true
    [[ -f $WORK/$mode/kill.txt ]] && sed 's/^/  /' "$WORK/$mode/kill.txt"
    echo "  $TARGET log WARN/ERROR lines: $(cat "$WORK/$mode/service.warnings" 2>/dev/null || echo '?')"
    [[ -s $WORK/$mode/service.top-warnings ]] && sed 's/^/    /' "$WORK/$mode/service.top-warnings"
    echo "  $TARGET resident memory at the end of the run: $(cat "$WORK/$mode/rss.txt" 2>/dev/null || echo '?') (VmHWM: the peak$( [[ -n $KILL_AFTER ]] && echo ', of the restarted process'))"
    if [[ $TARGET != nodered ]]; then
      echo "  where the time went (from the service's database, after the run):"
      cat "$WORK/$mode/stages.txt"
    fi
    grep -h 'SIGTERM from outside' "$WORK/$mode/loader.err" | sed 's/^/  /' || true
  done
  echo
  echo "---- verdict"
  if [[ " $MODES " == *" promo "* ]]; then
    local p99 dup missing non2xx
    p99=$(value promo mail_p99_ms); dup=$(value promo mails_duplicate); missing=$(value promo mails_missing)
    non2xx=$(value promo non_2xx)
    echo "  receipt -> SMTP acceptance  $(value promo mail_latency_ms)"
    echo "  mails/s                     $(value promo mails_per_s_first_request_to_last_mail) (first request to last mail)"
    echo "  duplicates $dup, missing $missing, HTTP non-2xx $non2xx, codes mailed twice $(value promo codes_reused)"
    echo "  $TARGET CPU per mail          $(value promo service_cpu_ms_per_mail) ms ($(value promo service_cpu_s_load_and_drain) s over load and drain)"
    echo "  target p99 <= 1000 ms: $(awk -v p="$p99" 'BEGIN { print (p != "NaN" && p + 0 <= 1000) ? "MET" : "MISSED" }') (p99 $p99 ms)"
    [[ $dup == 0 && $missing == 0 ]] || VERDICT=1
  fi
  if [[ " $MODES " == *" promo "* && " $MODES " == *" log "* ]]; then
    local email_p99 log_p99
    email_p99=$(done_value promo p99_ms); log_p99=$(done_value log p99_ms)
    echo "  receipt -> done p99, from the service's rows: promo (e-mail done) ${email_p99:-?} ms, log baseline ${log_p99:-?} ms;" \
      "ratio $(awk -v a="$email_p99" -v b="$log_p99" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }')"
    echo "  same from /q/metrics truust_actions_latency_seconds p99 (histogram bucket bound, whole run):" \
      "email $(metric_ms promo metric_email_histogram_p99_le_ms) ms, log $(metric_ms log metric_log_histogram_p99_le_ms) ms;" \
      "quantile gauges (last ~2 min only): email $(value promo metric_email_quantile_0.99_ms) ms," \
      "log $(value log metric_log_quantile_0.99_ms) ms"
  fi
  echo "==================================================================="
}

VERDICT=0
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
prepare
for mode in $MODES; do
  run_mode "$mode" || VERDICT=1
done
summary
exit $VERDICT
