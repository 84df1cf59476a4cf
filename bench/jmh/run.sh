#!/usr/bin/env bash
# Builds truust-rules and the JMH module, runs RuleEngineBenchmark, prints ns/event and the ratio
# against Easy Rules. Defaults fit a 2-core machine in about 3 minutes (5 warm-up iterations: on a
# busy machine the JIT needs them).
#   bench/jmh/run.sh                     build, then run
#   JMH_SKIP_BUILD=1 bench/jmh/run.sh    reuse bench/jmh/target/benchmarks.jar
#   bench/jmh/run.sh -i 10 -prof gc      any extra arguments go to JMH
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
jar=bench/jmh/target/benchmarks.jar
result=bench/jmh/target/jmh-result.json

if [ "${JMH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -B -q install -DskipTests
  ./mvnw -B -q -f bench/jmh/pom.xml package
fi
# Other work on the machine inflates wall-clock scores (CpuTimeProfiler's figures much less): say how busy it was.
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
java -jar "$jar" RuleEngineBenchmark -f 1 -wi 5 -i 5 -w 2s -r 2s -prof com.truustrules.bench.CpuTimeProfiler \
  -rf json -rff "$result" "$@"
bench/jmh/ratio.sh "$result"
echo "load average (1, 5, 15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?") on $(nproc) cores"
