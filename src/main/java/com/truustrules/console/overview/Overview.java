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
 * The overview's figures over the last 7 days, as charts. Computed at most every {@link #FRESH}: the
 * four aggregates read up to a week of events and jobs, so several people reloading the page (or one
 * holding F5) cost one computation, and a chart a few seconds old says the same thing.
 */
@ApplicationScoped
public class Overview {

    static final int HOURS = 7 * 24;
    static final Duration FRESH = Duration.ofSeconds(15);

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
        long lastHour = Math.floorDiv(now.getEpochSecond(), 3600);
        long firstHour = lastHour - HOURS + 1;
        Instant from = Instant.ofEpochSecond(firstHour * 3600);
        Map<String, Map<Long, Long>> byType = new TreeMap<>();
        long eventCount = 0;
        for (EventCounts.TypeHour c : events.perHourByType(from, now)) {
            byType.computeIfAbsent(c.type(), t -> new HashMap<>()).merge(c.hour(), c.events(), Long::sum);
            eventCount += c.events();
        }
        Map<String, Long> fired = firings.perRule(from, now);
        Map<String, Integer> ruleColor = new HashMap<>();
        fired.keySet().forEach(rule -> ruleColor.put(rule, Math.min(ruleColor.size(), Charts.COLORS - 1)));
        Map<Long, double[]> perHour = new HashMap<>();
        actions.latencyPerHour(from, now).forEach(l -> perHour.put(l.hour(), new double[] {l.p50Millis(), l.p99Millis()}));
        ActionStats.Latency overall = actions.latency(from, now);
        return new Figures(now, from, Charts.stackedHours(firstHour, HOURS, byType), eventCount,
                Charts.horizontal(fired, ruleColor::get), Charts.horizontal(outcomes(actions.byStatus(from, now)), Overview::stateColor),
                Charts.latencyLines(firstHour, HOURS, perHour), millis(overall, overall.p50Millis()),
                millis(overall, overall.p99Millis()), overall.jobs());
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

    private static String millis(ActionStats.Latency latency, double value) {
        return latency.jobs() == 0 ? "–" : Charts.millisText(Math.round(value));
    }
}
