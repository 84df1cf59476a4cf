#!/usr/bin/env bash
# Prints ns/event per engine and the Easy Rules / truust-rules ratio from a JMH JSON result.
# Two measures: JMH's wall-clock score (mean), and the median over iterations of the CPU time of the
# benchmark thread (CpuTimeProfiler), which other work on the machine disturbs far less (an iteration
# that ran before the JIT had caught up on a busy machine is an outlier the median ignores). The
# target is judged on CPU time when present.
# Usage: bench/jmh/ratio.sh bench/jmh/target/jmh-result.json
set -euo pipefail
result=${1:?usage: ratio.sh <jmh-result.json>}
command -v jq >/dev/null || { echo "ratio.sh needs jq (apt-get install -y jq)" >&2; exit 1; }

# metric <jq path> <benchmark method> [optimizer param]: that figure of the run, or empty
metric() {
  jq -r --arg m "$2" --arg o "${3:-}" '.[] | select((.benchmark | endswith("." + $m))
      and ($o == "" or .params.optimizer == $o)) | '"$1"' // empty' "$result" | head -1
}
wall() { metric .primaryMetric.score "$@"; }
cpu() { metric '.secondaryMetrics.cpu.scorePercentiles["50.0"]' "$@"; }

row() {
  local label=$1 w=$2 c=$3
  [ -n "$w" ] && printf '%-62s %12.0f %12s\n' "$label" "$w" "$( [ -n "$c" ] && printf '%.0f' "$c" || echo -)"
  return 0
}

echo
echo "== Rule engine: one event, 1,000 rules over 10 event types (100 of the event's type) =="
printf '%-62s %12s %12s\n' "" "wall ns/event" "CPU (median)"
row "truust-rules, facts built once" "$(wall truustRules)" "$(cpu truustRules)"
row "truust-rules, facts parsed from the JSON body each time" "$(wall truustRulesFromJson)" "$(cpu truustRulesFromJson)"
row "Easy Rules 4.1, MVEL reflective optimizer (fair: as in our JVM)" "$(wall easyRules reflective)" \
  "$(cpu easyRules reflective)"
row "Easy Rules 4.1, MVEL default optimizer (information only)" "$(wall easyRules default)" "$(cpu easyRules default)"

ours_wall=$(wall truustRules) easy_wall=$(wall easyRules reflective)
if [ -z "$ours_wall" ] || [ -z "$easy_wall" ]; then
  echo "ratio: not computed (truustRules and easyRules[reflective] must both have run)" >&2
  exit 1
fi
awk -v ow="$ours_wall" -v ew="$easy_wall" -v oc="$(cpu truustRules)" -v ec="$(cpu easyRules reflective)" \
    -v jc="$(cpu truustRulesFromJson)" -v dc="$(cpu easyRules default)" 'BEGIN {
  printf "ratio on wall-clock time (disturbed by other load): %.1fx\n", ew / ow
  if (oc == "" || ec == "") {
    printf "RATIO Easy Rules / truust-rules = %.1fx (wall clock; target >= 10x): %s\n", ew / ow, (ew / ow >= 10 ? "MET" : "MISSED")
    exit
  }
  if (jc != "") printf "ratio on CPU time, our facts parsed from JSON each time: %.1fx\n", ec / jc
  if (dc != "") printf "ratio on CPU time against Easy Rules with the default optimizer (information): %.1fx\n", dc / oc
  printf "RATIO Easy Rules / truust-rules = %.1fx (CPU time; target >= 10x): %s\n", ec / oc, (ec / oc >= 10 ? "MET" : "MISSED")
}'
