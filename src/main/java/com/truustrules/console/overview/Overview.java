package com.truustrules.console.overview;

import com.truustrules.action.ActionStats;
import com.truustrules.action.JobStatus;
import com.truustrules.event.EventCounts;
import com.truustrules.rule.FiringCounts;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The overview's figures over the last 7 days, as charts. A week of events and jobs is read once:
 * hours that are over are kept ({@link HourCache}; events and firings 5 minutes after the hour,
 * latencies an hour after it, when their jobs have run), and only the newest hours are read again.
 * The figures are reused for {@link #FRESH}, so several people reloading the page cost one reading.
 */
@ApplicationScoped
public class Overview {

    static final int HOURS = 7 * 24;
    static final Duration FRESH = Duration.ofSeconds(15);
    static final Duration COUNTS_SETTLE = Duration.ofMinutes(5);
    static final Duration JOBS_SETTLE = Duration.ofHours(1);
    private static final double[] NO_LATENCIES = new double[0];

    /** What the page shows; {@code at}: when it was computed. */
    @RegisterForReflection
    public record Figures(Instant at, Instant from, Chart events, long eventCount, Chart firings, Chart outcomes,
            Chart latency, String p50, String p99, long doneJobs) {
    }

    @Inject
    EventCounts events;

    @Inject
    FiringCounts firings;

    @Inject
    ActionStats actions;

    @Inject
    Clock clock;

    private final AtomicReference<Figures> last = new AtomicReference<>();
    private final HourCache<Map<String, Long>> eventHours = new HourCache<>();
    private final HourCache<Map<String, Long>> firingHours = new HourCache<>();
    private final HourCache<double[]> latencyHours = new HourCache<>();

    public Figures figures() throws SQLException {
        Instant now = clock.instant();
        Figures cached = last.get();
        if (cached != null && !cached.at().plus(FRESH).isBefore(now) && !cached.at().isAfter(now)) {
            return cached;
        }
        Figures fresh = compute(now);
        last.set(fresh);
        return fresh;
    }

    private Figures compute(Instant now) throws SQLException {
        long lastHour = hourOf(now);
        long firstHour = lastHour - HOURS + 1;
        Instant from = Instant.ofEpochSecond(firstHour * 3600);
        Map<Long, Map<String, Long>> eventsByHour = eventHours.get(firstHour, hourOf(now.minus(COUNTS_SETTLE)), lastHour,
                (a, b) -> byHour(events.perHourByType(start(a), end(b, now)), EventCounts.TypeHour::hour,
                        EventCounts.TypeHour::type, EventCounts.TypeHour::events), Map.of());
        Map<Long, Map<String, Long>> firingsByHour = firingHours.get(firstHour, hourOf(now.minus(COUNTS_SETTLE)), lastHour,
                (a, b) -> byHour(firings.perRuleAndHour(start(a), end(b, now)), FiringCounts.RuleHour::hour,
                        FiringCounts.RuleHour::rule, FiringCounts.RuleHour::firings), Map.of());
        Map<Long, double[]> latencies = latencyHours.get(firstHour, hourOf(now.minus(JOBS_SETTLE)), lastHour,
                (a, b) -> latenciesByHour(actions.latencies(start(a), end(b, now))), NO_LATENCIES);
        Map<String, Long> fired = totals(firingsByHour);
        Map<String, Integer> ruleColor = new HashMap<>();
        fired.keySet().forEach(rule -> ruleColor.put(rule, Math.min(ruleColor.size(), Charts.COLORS - 1)));
        double[] all = Percentiles.merged(latencies.values());
        Map<Long, double[]> perHour = new HashMap<>();
        latencies.forEach((hour, values) -> {
            if (values.length > 0) {
                perHour.put(hour, new double[] {Percentiles.of(values, 0.5), Percentiles.of(values, 0.99)});
            }
        });
        Map<String, Map<Long, Long>> byType = bySeries(eventsByHour);
        return new Figures(now, from, Charts.stackedHours(firstHour, HOURS, byType),
                byType.values().stream().flatMap(h -> h.values().stream()).mapToLong(Long::longValue).sum(),
                Charts.horizontal(fired, ruleColor::get),
                Charts.horizontal(outcomes(actions.byStatus(from, now)), Overview::stateColor),
                Charts.latencyLines(firstHour, HOURS, perHour), millis(all, 0.5), millis(all, 0.99), all.length);
    }

    private static long hourOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 3600);
    }

    private static Instant start(long hour) {
        return Instant.ofEpochSecond(hour * 3600);
    }

    /** The end of hour range [.., toHour): now for the current hour, so nothing is read from the future. */
    private static Instant end(long toHour, Instant now) {
        Instant end = start(toHour);
        return end.isAfter(now) ? now : end;
    }

    private static <R> Map<Long, Map<String, Long>> byHour(List<R> rows, java.util.function.ToLongFunction<R> hour,
            java.util.function.Function<R, String> name, java.util.function.ToLongFunction<R> count) {
        Map<Long, Map<String, Long>> byHour = new HashMap<>();
        for (R row : rows) {
            byHour.computeIfAbsent(hour.applyAsLong(row), h -> new TreeMap<>()).merge(name.apply(row), count.applyAsLong(row), Long::sum);
        }
        return byHour;
    }

    private static Map<String, Map<Long, Long>> bySeries(Map<Long, Map<String, Long>> byHour) {
        Map<String, Map<Long, Long>> bySeries = new TreeMap<>();
        byHour.forEach((hour, counts) -> counts.forEach((name, n) -> bySeries.computeIfAbsent(name, k -> new HashMap<>()).put(hour, n)));
        return bySeries;
    }

    /** Totals per name, most first (ties by name). */
    private static Map<String, Long> totals(Map<Long, Map<String, Long>> byHour) {
        Map<String, Long> totals = new TreeMap<>();
        byHour.values().forEach(counts -> counts.forEach((name, n) -> totals.merge(name, n, Long::sum)));
        Map<String, Long> sorted = new LinkedHashMap<>();
        totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<Long, double[]> latenciesByHour(List<ActionStats.Latency> rows) {
        Map<Long, List<Double>> lists = new HashMap<>();
        rows.forEach(r -> lists.computeIfAbsent(r.hour(), h -> new java.util.ArrayList<>()).add(r.millis()));
        Map<Long, double[]> sorted = new HashMap<>();
        lists.forEach((hour, values) -> sorted.put(hour, values.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
        return sorted;
    }
    /** Jobs per state as the Actions page names them, in the order of a job's life. */
    static Map<String, Long> outcomes(List<ActionStats.StatusCount> counts) {
        Map<String, Long> byState = new LinkedHashMap<>();
        for (String state : List.of("done", "due", "retrying", "waiting", "running", "dead", "in doubt")) {
            byState.put(state, 0L);
        }
        for (ActionStats.StatusCount c : counts) {
            byState.merge(state(c), c.jobs(), Long::sum);
        }
        byState.values().removeIf(n -> n == 0);
        return byState;
    }

    private static String state(ActionStats.StatusCount c) {
        if (c.status() == JobStatus.PENDING) {
            return c.failing() ? "retrying" : "due";
        }
        if (c.status() == JobStatus.DEAD) {
            return c.inDoubt() ? "in doubt" : "dead";
        }
        return c.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int stateColor(String state) {
        return switch (state) {
            case "done" -> 2;
            case "dead" -> 3;
            case "in doubt" -> 1;
            case "retrying" -> 6;
            default -> 0;
        };
    }

    private static String millis(double[] sorted, double p) {
        return sorted.length == 0 ? "–" : Charts.millisText(Math.round(Percentiles.of(sorted, p)));
    }
}
