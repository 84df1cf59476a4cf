package com.truustrules.console.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.action.ActionStats;
import com.truustrules.action.JobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleChartsTest {

    @Test
    void theValueAxisEndsOnFourRoundSteps() {
        assertEquals(4, Charts.niceMax(0));
        assertEquals(4, Charts.niceMax(3));
        assertEquals(8, Charts.niceMax(5));
        assertEquals(20, Charts.niceMax(10));
        assertEquals(20, Charts.niceMax(20));
        assertEquals(400, Charts.niceMax(201));
        assertEquals(2_000_000, Charts.niceMax(1_500_000));
    }

    @Test
    void hourlyBarsStackByTypeWithinTheRange() {
        long first = 490_000;
        Map<String, Map<Long, Long>> counts = new LinkedHashMap<>();
        counts.put("order.cancelled", Map.of(first + 1, 1L));
        counts.put("order.published", Map.of(first + 1, 3L, first + 5, 8L, first - 1, 100L, first + 168, 100L));
        Chart chart = Charts.stackedHours(first, 168, counts);

        assertEquals(3, chart.bars().size(), "hours outside the range are not drawn");
        Chart.Bar published = chart.bars().stream().filter(b -> b.label().equals("order.published") && b.value().equals("3"))
                .findFirst().orElseThrow();
        Chart.Bar cancelled = chart.bars().stream().filter(b -> b.label().equals("order.cancelled")).findFirst().orElseThrow();
        assertEquals(Charts.PLOT_LEFT + Charts.HOUR_WIDTH, published.x());
        assertEquals(published.x(), cancelled.x());
        assertEquals(published.y(), cancelled.y() + cancelled.height(), 0.11, "stacked: one on top of the other");
        Chart.Bar tallest = chart.bars().stream().filter(b -> b.value().equals("8")).findFirst().orElseThrow();
        assertEquals(Charts.PLOT_HEIGHT, tallest.height(), 0.11, "8 of an axis up to 8");
        assertEquals(0, published.color(), "the most frequent type gets the first colour");
        assertEquals(List.of("order.published", "order.cancelled"), chart.legend().stream().map(Chart.Legend::label).toList());
        assertEquals("211", chart.legend().get(0).total(), "the legend counts every hour it was given");
        assertTrue(chart.bars().get(0).title().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:00 UTC · order\\.\\w+: \\d+"));
    }

    @Test
    void latencyLinesSkipHoursWithoutDoneJobs() {
        long first = 490_000;
        Chart none = Charts.latencyLines(first, 168, Map.of());
        assertTrue(none.isEmpty());
        Chart chart = Charts.latencyLines(first, 168, Map.of(first, new double[] {100, 1500}, first + 2, new double[] {50, 300}));
        assertEquals(List.of("p50", "p99"), chart.lines().stream().map(Chart.Line::name).toList());
        assertEquals(2, chart.lines().get(0).points().split(" ").length);
        assertEquals("2000 ms", chart.yTicks().get(4).label());
    }

    @Test
    void outcomesAreNamedAsTheActionsPageNamesThem() {
        Map<String, Long> outcomes = Overview.outcomes(List.of(
                new ActionStats.StatusCount(JobStatus.DONE, false, false, 7),
                new ActionStats.StatusCount(JobStatus.PENDING, true, false, 2),
                new ActionStats.StatusCount(JobStatus.PENDING, false, false, 1),
                new ActionStats.StatusCount(JobStatus.DEAD, true, true, 3),
                new ActionStats.StatusCount(JobStatus.DEAD, true, false, 4)));
        assertEquals(Map.of("done", 7L, "retrying", 2L, "due", 1L, "in doubt", 3L, "dead", 4L), outcomes);
        assertEquals(List.of("done", "due", "retrying", "dead", "in doubt"), List.copyOf(outcomes.keySet()));
    }

    @Test
    void closedHoursAreReadOnceAndOpenHoursEveryTime() throws Exception {
        HourCache<Long> cache = new HourCache<>();
        List<long[]> reads = new java.util.ArrayList<>();
        HourCache.Loader<Long> loader = (from, to) -> {
            reads.add(new long[] {from, to});
            Map<Long, Long> hours = new java.util.HashMap<>();
            for (long h = from; h < to; h++) {
                if (h % 2 == 0) {
                    hours.put(h, h * 10);
                }
            }
            return hours;
        };
        Map<Long, Long> first = cache.get(100, 105, 106, loader, 0L);
        assertEquals(Map.of(100L, 1000L, 101L, 0L, 102L, 1020L, 103L, 0L, 104L, 1040L, 106L, 1060L), first);
        assertEquals(List.of("100-105", "105-107"), reads.stream().map(r -> r[0] + "-" + r[1]).toList());

        reads.clear();
        Map<Long, Long> later = cache.get(101, 106, 107, loader, 0L);
        assertEquals(List.of("105-106", "106-108"), reads.stream().map(r -> r[0] + "-" + r[1]).toList(),
                "only the hour that closed since, and the open ones");
        assertEquals(0L, later.get(105L));
        assertEquals(1060L, later.get(106L));
        assertTrue(!later.containsKey(100L), "hours before the range are dropped");
    }

    @Test
    void percentilesInterpolateAsPercentileContDoes() {
        double[] values = {10, 20, 30, 40, 1000};
        assertEquals(30, Percentiles.of(values, 0.5), 1e-9);
        assertEquals(961.6, Percentiles.of(values, 0.99), 1e-9);
        assertEquals(7, Percentiles.of(new double[] {7}, 0.99), 1e-9);
        assertTrue(Double.isNaN(Percentiles.of(new double[0], 0.5)));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), java.util.Arrays.stream(Percentiles.merged(
                List.of(new double[] {3, 4}, new double[0], new double[] {1, 2}))).boxed().toList());
    }
}
