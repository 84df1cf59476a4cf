#!/usr/bin/env bash
# Fault-injection suite (issue 5). Each scenario starts the packaged service as a real process, drives
# it with real HTTP (and a real SMTP server, GreenMail, in the test JVM) and prints one verdict line.
#
#   bench/faults/run.sh                        all scenarios
#   bench/faults/run.sh kill-9 broken-rules    some of: kill-9 two-instances db-outage smtp-outage broken-rules
#   bench/faults/run.sh --no-build ...         reuse the builds kept in target/faults/app-{h2,postgresql}
#
# Environment: FAULTS_SEED repeats the kill moments of a run (its verdict prints the seed);
# FAULTS_APP_CONFIG="key=value,..." adds settings to every service started (to try a change under fault);
# FAULTS_PG_VERSION (default: the installed one) and FAULTS_PG_PORT (5433) name the private
# PostgreSQL cluster "faults" that two-instances and db-outage use and db-outage stops; it is created
# here if missing (Debian's pg_createcluster, as root). The shared cluster on 5432 is never touched.
# Exit status: non-zero when a scenario FAILs or ends without a verdict. WAIT (a scenario this build
# cannot run yet, e.g. smtp-outage before the e-mail action exists) is not a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

declare -A CLASS=([kill-9]=KillUnderLoadFaultIT [two-instances]=TwoInstancesFaultIT [db-outage]=DatabaseOutageFaultIT
                  [smtp-outage]=SmtpOutageFaultIT [broken-rules]=BrokenRulesFaultIT)
declare -A BUILD=([kill-9]=h2 [two-instances]=postgresql [db-outage]=postgresql [smtp-outage]=h2 [broken-rules]=h2)
ALL=(kill-9 two-instances db-outage smtp-outage broken-rules)
FAULTS_DIR=target/faults

build=true
scenarios=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) [[ -n "${CLASS[$arg]:-}" ]] || { echo "unknown scenario '$arg'; one of: ${ALL[*]}" >&2; exit 2; }
       scenarios+=("$arg") ;;
  esac
done
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=("${ALL[@]}")

needs() { for s in "${scenarios[@]}"; do [[ "${BUILD[$s]}" == "$1" ]] && return 0; done; return 1; }

# A build fixes its database kind, so each kind is packaged once and its target/quarkus-app kept as a
# copy. PostgreSQL first: target/quarkus-app is left holding the default (H2) build.
package() {
  local kind=$1; shift
  if $build || [[ ! -f "$FAULTS_DIR/app-$kind/quarkus-run.jar" ]]; then
    echo "== packaging the $kind build"
    ./mvnw -B -q package -DskipTests "$@"
    rm -rf "$FAULTS_DIR/app-$kind"
    mkdir -p "$FAULTS_DIR"
    cp -r target/quarkus-app "$FAULTS_DIR/app-$kind"
  fi
}

# The private cluster: created once, started if it is down (a failed db-outage run may leave it so).
pg_args=()
if needs postgresql; then
  pg_version=${FAULTS_PG_VERSION:-$(pg_lsclusters -h | awk 'NR == 1 { print $1 }')}
  if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "faults"' | grep -q .; then
    echo "== creating the PostgreSQL cluster $pg_version/faults on port ${FAULTS_PG_PORT:-5433}"
    pg_createcluster "$pg_version" faults -p "${FAULTS_PG_PORT:-5433}" -- --auth=trust >/dev/null
  fi
  pg_ctlcluster "$pg_version" faults status >/dev/null 2>&1 || pg_ctlcluster "$pg_version" faults start
  pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "faults" { print $3 }')
  pg_args=(-Dfaults.pg.version="$pg_version" -Dfaults.pg.port="$pg_port")
  package postgresql -Ppostgresql
fi
needs h2 && package h2

classes=()
for s in "${scenarios[@]}"; do classes+=("${CLASS[$s]}"); done
mkdir -p "$FAULTS_DIR"
rm -f "$FAULTS_DIR/verdicts.txt"
extra_args=()
[[ -n "${FAULTS_SEED:-}" ]] && extra_args+=(-Dfaults.seed="$FAULTS_SEED")
[[ -n "${FAULTS_APP_CONFIG:-}" ]] && extra_args+=(-Dfaults.app.config="$FAULTS_APP_CONFIG")

echo "== running: ${scenarios[*]}"
started=$SECONDS
status=0
./mvnw -B -Pfaults test-compile failsafe:integration-test failsafe:verify \
  -Dit.test="$(IFS=,; echo "${classes[*]}")" "${pg_args[@]}" "${extra_args[@]}" \
  > "$FAULTS_DIR/mvn.log" 2>&1 || status=$?
grep -E '^(FAULT |kill-9 |two-instances |db-outage |smtp-outage |broken-rules )' "$FAULTS_DIR/mvn.log" | grep -v '^FAULT ' || true

echo "== verdicts ($((SECONDS - started)) s; Maven output in $FAULTS_DIR/mvn.log, service logs in $FAULTS_DIR/runs/)"
touch "$FAULTS_DIR/verdicts.txt"
cat "$FAULTS_DIR/verdicts.txt"
for s in "${scenarios[@]}"; do
  if ! grep -q "^FAULT $s:" "$FAULTS_DIR/verdicts.txt"; then
    echo "FAULT $s: ERROR (no verdict; see $FAULTS_DIR/mvn.log and target/failsafe-reports)"
    status=1
  fi
done
grep -q -- '-> FAIL' "$FAULTS_DIR/verdicts.txt" && status=1
[[ $status -eq 0 ]] || echo "== some scenario did not pass" >&2
exit $status
