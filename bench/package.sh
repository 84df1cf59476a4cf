# Sourced by the bench scripts: the embedded-H2 package in target/quarkus-app, rebuilt when it is
# missing or of the other database kind (the kind is fixed at build time, and a -Ppostgresql build,
# e.g. by bench/faults/run.sh or a manual one, leaves its package in the same folder).

# The db kind the package in a folder (default target/quarkus-app) was built for; empty when there is none.
package_kind() {
    local jar
    jar=$(ls "${1:-target/quarkus-app}"/app/truust-rules-*.jar 2>/dev/null | head -n 1)
    [[ -n "$jar" ]] && unzip -p "$jar" application.properties | sed -n 's/^quarkus.datasource.db-kind=//p'
}

ensure_h2_package() {
    [[ "$(package_kind || true)" == h2 ]] && return
    echo "building the embedded-H2 package (target/quarkus-app)" >&2
    ./mvnw -B -q package -DskipTests
    [[ "$(package_kind)" == h2 ]] || { echo "the build did not leave an H2 package in target/quarkus-app" >&2; return 1; }
}
