#!/usr/bin/env bash
# The container test: builds docker/Dockerfile.jvm for H2 and for PostgreSQL on a local Debian base
# image and proves the image people deploy (docs/deployment.md, "What is proven"):
#   - the packaged-jar integration tests (*IT) that run on support/ItConfig's settings pass against
#     the running container (failsafe with quarkus.http.test-host/-port: the same tests, pointed at
#     the container's port); the attack ITs that need settings of their own (rules, a mail sink,
#     short timeouts) cannot reconfigure a running container and run against the jar in ./mvnw verify;
#   - the process runs as non-root on a read-only root filesystem, and the HEALTHCHECK passes;
#   - data survives `podman rm -f` plus a new container on the same volume (H2);
#   - two PostgreSQL containers on one database send each promo mail once;
#   - `podman stop` is a clean shutdown in under 10 s.
# Skips (exit 0, says why) where podman cannot run containers. Run from anywhere:
#   docker/test.sh                     # PostgreSQL at 127.0.0.1:5432, database test_containers
#   CONTAINER_TEST_DB=mydb docker/test.sh
#   docker/test.sh postgresql          # one build only (h2 or postgresql)
#   docker/test.sh two                 # only the two-instance check, on the last PostgreSQL image
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_IMAGE=${BASE_IMAGE:-localhost/truust-debian-jre17:bookworm}
PG_DB=${CONTAINER_TEST_DB:-test_containers}
PG_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
WORK=target/container-test
NAME=truust-ct
# crun fails on this kernel's cgroup layout and the default ulimits exceed the sandbox's; systemd
# is absent, so the HEALTHCHECK timer is off and the test runs the check itself.
PODMAN=(podman --runtime runc)
RUN_OPTS=(--network host --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 --health-interval disable)
BUILD_OPTS=(--network host --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 --format docker)
# The settings of support/ItConfig (the ITs' credentials, an empty rules folder) for the container.
IT_ENV=(-e TRUUST_WEBHOOK_SECRETS=test-secret-old,test-secret-new -e TRUUST_WEBHOOK_MAX_BODY=4K
        -e TRUUST_ADMIN_TOKEN=test-admin-token --mount type=tmpfs,destination=/no-rules -e TRUUST_RULES_DIR=/no-rules
        -e TRUUST_RULES_ALLOW_EMPTY=true)
SECRET=test-secret-new
ADMIN=test-admin-token

log() { printf '\n=== container test: %s\n' "$*"; }
fail() { echo "CONTAINER TEST FAILED: $*"; exit 1; }
skip() { echo "CONTAINER TEST SKIPPED: $* (docs/deployment.md says how to run it)"; exit 0; }

cleanup() {
    local names
    names=$("${PODMAN[@]}" ps -a --format '{{.Names}}' 2>/dev/null | grep "^$NAME-" || true)
    [[ -n "$names" ]] && "${PODMAN[@]}" rm -f -t 0 $names >/dev/null 2>&1
    local volumes
    volumes=$("${PODMAN[@]}" volume ls --format '{{.Name}}' 2>/dev/null | grep "^$NAME-" || true)
    [[ -n "$volumes" ]] && "${PODMAN[@]}" volume rm -f $volumes >/dev/null 2>&1
    return 0
}

# A truust.* setting that support/ItConfig gives the jar but IT_ENV not the container would make the
# container run differ from the jar run unnoticed (the data folder is the image's own).
check_it_env() {
    local key env
    for key in $(grep -o '"truust\.[a-z0-9.-]*"' src/test/java/com/truustrules/support/ItConfig.java | tr -d '"' | sort -u); do
        [[ $key == truust.data-dir ]] && continue
        env=$(tr 'a-z.-' 'A-Z__' <<<"$key")
        [[ " ${IT_ENV[*]} " == *" $env="* ]] || fail "support/ItConfig sets $key; add $env to IT_ENV in docker/test.sh"
    done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The base: Debian's own packages, so no public image registry is needed (about a minute on a fast
# mirror, several on a busy machine).
build_base() {
    "${PODMAN[@]}" image exists "$BASE_IMAGE" && return 0
    command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap)"
    log "building the base image $BASE_IMAGE with debootstrap"
    local rootfs
    rootfs=$(mktemp -d /var/tmp/truust-rootfs.XXXXXX)
    if ! debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" \
            >"$WORK/debootstrap.log" 2>&1; then
        rm -rf "$rootfs"
        tail -n 20 "$WORK/debootstrap.log"
        skip "debootstrap could not make a Debian root filesystem here"
    fi
    tar -C "$rootfs" -c . | "${PODMAN[@]}" import - "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
}

can_run() {
    command -v podman >/dev/null || skip "podman is not installed (apt-get install podman runc debootstrap)"
    command -v runc >/dev/null || skip "runc is not installed (apt-get install runc)"
    "${PODMAN[@]}" info >/dev/null 2>&1 || skip "podman cannot run here: $("${PODMAN[@]}" info 2>&1 | tail -n 1)"
    build_base
    "${PODMAN[@]}" run --rm "${RUN_OPTS[@]}" "$BASE_IMAGE" java -version >/dev/null 2>&1 \
        || skip "podman cannot start a container here: $("${PODMAN[@]}" run --rm "${RUN_OPTS[@]}" "$BASE_IMAGE" java -version 2>&1 | tail -n 1)"
}

# kind: h2 or postgresql. Packages the jar (tests compiled, not run) and builds the image from it.
build_image() {
    local kind=$1 profile=()
    [[ $kind == postgresql ]] && profile=(-Ppostgresql)
    log "packaging the $kind build and building localhost/truust-rules:jvm-$kind on $BASE_IMAGE"
    ./mvnw -B -q package -DskipTests "${profile[@]}" >"$WORK/package-$kind.log" 2>&1 \
        || { tail -n 40 "$WORK/package-$kind.log"; fail "packaging the $kind build"; }
    "${PODMAN[@]}" build "${BUILD_OPTS[@]}" --ignorefile docker/Dockerfile.jvm.dockerignore \
        --build-arg BASE_IMAGE="$BASE_IMAGE" -f docker/Dockerfile.jvm -t "localhost/truust-rules:jvm-$kind" . \
        >"$WORK/build-$kind.log" 2>&1 || { tail -n 40 "$WORK/build-$kind.log"; fail "building the $kind image"; }
}

# start NAME PORT VOLUME KIND [podman run options...]: a detached container on the host network.
start() {
    local name=$1 port=$2 volume=$3 kind=$4
    shift 4
    # Without systemd podman complains that it cannot time the HEALTHCHECK; the output says why on failure.
    "${PODMAN[@]}" run -d --name "$NAME-$name" "${RUN_OPTS[@]}" --read-only -v "$volume:/work/data" \
        -e QUARKUS_HTTP_PORT="$port" "$@" "localhost/truust-rules:jvm-$kind" >"$WORK/run-$name.log" 2>&1 \
        || { cat "$WORK/run-$name.log"; fail "podman run $name"; }
}

await_ready() {
    local name=$1 port=$2 deadline=$((SECONDS + 240))
    while ((SECONDS < deadline)); do
        curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
        if [[ "$("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$NAME-$name")" != true ]]; then
            "${PODMAN[@]}" logs "$NAME-$name" 2>&1 | tail -n 40
            fail "container $name ended before it was ready"
        fi
        sleep 2
    done
    "${PODMAN[@]}" logs "$NAME-$name" 2>&1 | tail -n 40
    fail "container $name was not ready within 240 s"
}

pg_env() {
    echo -e "-e\nQUARKUS_DATASOURCE_JDBC_URL=$PG_URL\n-e\nQUARKUS_DATASOURCE_USERNAME=postgres"
}

fresh_database() {
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $PG_DB" >/dev/null
}

# The ITs whose only settings are ItConfig's, which the container is given (IT_ENV).
container_its() {
    grep -rl '@WithTestResource(ItConfig.class)' src/test/java --include='*IT.java' | xargs -n1 basename \
        | sed 's/\.java$//' | sort | paste -sd, -
}

# The ITs of this build against the running container: failsafe alone, on the classes just compiled.
run_its() {
    local kind=$1 port=$2 profile=()
    [[ $kind == postgresql ]] && profile=(-Ppostgresql -Ddb.it.url="$PG_URL")
    log "packaged-jar integration tests (*IT) against the $kind container on port $port"
    ./mvnw -B "${profile[@]}" failsafe:integration-test failsafe:verify -Dit.test="$(container_its)" \
        -Dquarkus.http.test-host=127.0.0.1 -Dquarkus.http.test-port="$port" | tee "$WORK/its-$kind.log" \
        | grep -E 'Tests run:|FAIL|ERROR|BUILD' || true
    grep -q 'BUILD SUCCESS' "$WORK/its-$kind.log" || fail "the ITs failed against the $kind container"
    grep -Eq 'Tests run: [1-9]' "$WORK/its-$kind.log" || fail "no IT ran against the $kind container"
}

check_non_root() {
    local name=$1 uid
    uid=$("${PODMAN[@]}" exec "$NAME-$name" sh -c 'grep ^Uid: /proc/1/status' | awk '{print $2}')
    [[ -n "$uid" && "$uid" != 0 ]] || fail "the service runs as uid '$uid'"
    "${PODMAN[@]}" exec "$NAME-$name" sh -c 'touch /deployments/x' 2>/dev/null && fail "the root filesystem is writable"
    echo "ok: the service runs as uid $uid on a read-only root filesystem"
    "${PODMAN[@]}" healthcheck run "$NAME-$name" >/dev/null 2>&1 || fail "the image's HEALTHCHECK failed"
    echo "ok: the image's HEALTHCHECK passes"
}

post_order() {
    local port=$1 order=$2 buyer=$3 answer
    answer=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -H "X-Truust-Secret: $SECRET" \
        --data "$(sed -e "s/8810231/$order/g" -e "s/ana.garcia@example.com/$buyer/" \
            src/test/resources/payloads/order-published-sample.json)" \
        "http://127.0.0.1:$port/webhooks/truust/order-published")
    [[ "$(tail -n 1 <<<"$answer")" == 202 ]] || fail "POST order $order: $answer"
    head -n 1 <<<"$answer" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}

event_status() {
    curl -s -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$1/api/events/$2" | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p' | head -n 1
}

# Stops the container as an orchestrator does and checks it ended by itself, cleanly, in time.
check_clean_stop() {
    local name=$1 started elapsed code
    started=$(date +%s%N)
    "${PODMAN[@]}" stop -t 10 "$NAME-$name" >/dev/null
    elapsed=$((($(date +%s%N) - started) / 1000000))
    code=$("${PODMAN[@]}" inspect -f '{{.State.ExitCode}}' "$NAME-$name")
    # 143: the JVM ran its shutdown hooks on SIGTERM; 137 would be podman's SIGKILL after the timeout.
    [[ "$code" == 143 || "$code" == 0 ]] || fail "podman stop: exit code $code after ${elapsed} ms"
    ((elapsed < 10000)) || fail "podman stop took ${elapsed} ms"
    "${PODMAN[@]}" logs "$NAME-$name" 2>&1 | grep -q 'stopped in' || fail "no Quarkus shutdown line in the log"
    echo "ok: podman stop ended the service cleanly in ${elapsed} ms (exit $code)"
}

test_h2() {
    local port id
    port=$(free_port)
    log "H2 build: ITs, non-root, health, data across containers, clean stop"
    start h2 "$port" "$NAME-h2-data" h2 "${IT_ENV[@]}"
    await_ready h2 "$port"
    check_non_root h2
    run_its h2 "$port"

    id=$(post_order "$port" 91000001 keep@example.com)
    for _ in $(seq 1 60); do [[ "$(event_status "$port" "$id")" == PROCESSED ]] && break; sleep 1; done
    sleep 2 # beyond H2's write delay: the kill below must find the change in the file
    "${PODMAN[@]}" rm -f -t 0 "$NAME-h2" >/dev/null
    start h2 "$port" "$NAME-h2-data" h2 "${IT_ENV[@]}"
    await_ready h2 "$port"
    [[ "$(event_status "$port" "$id")" == PROCESSED ]] || fail "event $id is gone after podman rm -f and a new container"
    echo "ok: event $id survived podman rm -f and a new container on the same volume"
    check_clean_stop h2
}

test_postgresql() {
    local port
    port=$(free_port)
    log "PostgreSQL build: ITs against one container on database $PG_DB"
    fresh_database
    start pg "$port" "$NAME-pg-data" postgresql "${IT_ENV[@]}" $(pg_env) \
        -e QUARKUS_FLYWAY_CLEAN_AT_START=true -e QUARKUS_FLYWAY_CLEAN_DISABLED=false
    await_ready pg "$port"
    check_non_root pg
    run_its postgresql "$port"
    check_clean_stop pg
}

# Two containers of the PostgreSQL build on one database, the sample rules with the offer starting
# now: orders spread over both (some buyers twice), and each buyer gets exactly one promo mail.
test_two_instances() {
    local rules=$WORK/rules-now port_a port_b buyers=12 order=92000000
    log "two PostgreSQL containers on one database: each promo mail once"
    fresh_database
    rm -rf "$rules" && cp -r rules "$rules"
    sed -i "s/start: .*/start: $(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)/; s/end: .*/end: $(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)/" \
        "$rules/offers.yaml"
    chmod -R a+rX "$rules"
    port_a=$(free_port)
    port_b=$(free_port)
    local common=(-e TRUUST_WEBHOOK_SECRETS=$SECRET -e TRUUST_ADMIN_TOKEN=$ADMIN -v "$PWD/$rules:/deployments/rules:ro")
    start two-a "$port_a" "$NAME-two-a" postgresql "${common[@]}" $(pg_env)
    await_ready two-a "$port_a"   # the first one migrates the empty database
    start two-b "$port_b" "$NAME-two-b" postgresql "${common[@]}" $(pg_env)
    await_ready two-b "$port_b"
    for i in $(seq 1 "$buyers"); do
        post_order "$port_a" $((order + i)) "buyer-$i@example.com" >/dev/null &
        post_order "$port_b" $((order + 100 + i)) "buyer-$i@example.com" >/dev/null &
    done
    wait
    local outboxes=("$("${PODMAN[@]}" volume inspect -f '{{.Mountpoint}}' "$NAME-two-a")/outbox"
                    "$("${PODMAN[@]}" volume inspect -f '{{.Mountpoint}}' "$NAME-two-b")/outbox")
    local deadline=$((SECONDS + 180)) mailed=0
    while ((SECONDS < deadline)); do
        mailed=$({ grep -rhi '^Subject: Thank you' "${outboxes[@]}" 2>/dev/null || true; } | wc -l)
        ((mailed >= buyers)) && break
        sleep 2
    done
    sleep 5 # a second mail to anyone would come now
    for i in $(seq 1 "$buyers"); do
        local count
        count=$({ grep -rlis "^To: buyer-$i@example.com" "${outboxes[@]}" || true; } | wc -l)
        [[ "$count" == 1 ]] || fail "buyer-$i@example.com got $count promo mails (2 orders, 2 containers)"
    done
    echo "ok: $buyers buyers, $((buyers * 2)) orders over two containers, one promo mail each"
    check_clean_stop two-a
    check_clean_stop two-b
}

mkdir -p "$WORK"
check_it_env
can_run
trap cleanup EXIT
cleanup
STEPS=${*:-h2 postgresql}
if [[ " $STEPS " == *" h2 "* ]]; then
    build_image h2
    test_h2
fi
if [[ " $STEPS " == *" postgresql "* ]]; then
    build_image postgresql
    test_postgresql
    test_two_instances
elif [[ " $STEPS " == *" two "* ]]; then
    "${PODMAN[@]}" image exists localhost/truust-rules:jvm-postgresql || build_image postgresql
    test_two_instances
fi
echo "CONTAINER TEST PASSED ($STEPS): ITs in the container, non-root, read-only, health, volume, two instances, stop"
