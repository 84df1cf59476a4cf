package com.truustrules.console.overview;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Lays out the overview's charts: pure arithmetic from counts to coordinates, no I/O. */
final class Charts {

    static final int PLOT_LEFT = 64; // room for "2000 ms"
    static final int PLOT_TOP = 8;
    static final int PLOT_HEIGHT = 160;
    static final int AXIS_HEIGHT = 20;
    static final int HOUR_WIDTH = 5;
    static final int COLORS = 8;
    private static final int BAR_ROW = 24;
    private static final int LABEL_WIDTH = 180;
    private static final int BAR_SPACE = 520;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE dd MMM", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Charts() {
    }

    /**
     * Stacked bars, one per hour from {@code firstHour} (hours since the epoch) for {@code hours}
     * hours; {@code counts} maps each series to its count per hour. The most frequent series get their
     * own colour, the rest share the last one as "other".
     */
    static Chart stackedHours(long firstHour, int hours, Map<String, Map<Long, Long>> counts) {
        List<String> series = new ArrayList<>(counts.keySet());
        series.sort(Comparator.comparing((String s) -> -total(counts.get(s))).thenComparing(Function.identity()));
        Map<String, Integer> color = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            color.put(series.get(i), Math.min(i, COLORS - 1));
        }
        long[] perHour = new long[hours];
        counts.values().forEach(byHour -> byHour.forEach((h, n) -> {
            if (h >= firstHour && h < firstHour + hours) {
                perHour[(int) (h - firstHour)] += n;
            }
        }));
        long max = niceMax(java.util.Arrays.stream(perHour).max().orElse(0));
        List<Chart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            double y = PLOT_TOP + PLOT_HEIGHT;
            for (String s : series) {
                long n = counts.get(s).getOrDefault(firstHour + i, 0L);
                if (n > 0) {
                    double height = n * (double) PLOT_HEIGHT / max;
                    y -= height;
                    bars.add(new Chart.Bar(PLOT_LEFT + i * HOUR_WIDTH, round(y), HOUR_WIDTH - 1, round(height),
                            color.get(s), hourText(firstHour + i) + " · " + s + ": " + n, s, Long.toString(n)));
                }
            }
        }
        return new Chart(PLOT_LEFT + hours * HOUR_WIDTH + 8, PLOT_TOP + PLOT_HEIGHT + AXIS_HEIGHT, bars, List.of(),
                yTicks(max, Long::toString), dayTicks(firstHour, hours), legend(series, color, counts));
    }

    /** p50 and p99 latency per hour as two lines (milliseconds; gaps where nothing was done are skipped). */
    static Chart latencyLines(long firstHour, int hours, Map<Long, double[]> p50p99) {
        double top = p50p99.values().stream().mapToDouble(v -> v[1]).max().orElse(0);
        long max = niceMax((long) Math.ceil(top));
        StringBuilder p50 = new StringBuilder();
        StringBuilder p99 = new StringBuilder();
        for (int i = 0; i < hours; i++) {
            double[] v = p50p99.get(firstHour + i);
            if (v != null) {
                double x = PLOT_LEFT + i * HOUR_WIDTH + HOUR_WIDTH / 2.0;
                p50.append(round(x)).append(',').append(round(yOf(v[0], max))).append(' ');
                p99.append(round(x)).append(',').append(round(yOf(v[1], max))).append(' ');
            }
        }
        List<Chart.Line> lines = p50.isEmpty() ? List.of()
                : List.of(new Chart.Line(p50.toString().trim(), 0, "p50"), new Chart.Line(p99.toString().trim(), 3, "p99"));
        return new Chart(PLOT_LEFT + hours * HOUR_WIDTH + 8, PLOT_TOP + PLOT_HEIGHT + AXIS_HEIGHT, List.of(), lines,
                yTicks(max, Charts::millisText), dayTicks(firstHour, hours),
                lines.isEmpty() ? List.of() : List.of(new Chart.Legend("p50", 0, ""), new Chart.Legend("p99", 3, "")));
    }

    /** One horizontal bar per entry, in the given order, labelled with its name and value. */
    static Chart horizontal(Map<String, Long> values, Function<String, Integer> colorOf) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(0));
        List<Chart.Bar> bars = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double width = Math.max(1, e.getValue() * (double) BAR_SPACE / max);
            bars.add(new Chart.Bar(LABEL_WIDTH, row * BAR_ROW + 4, round(width), BAR_ROW - 8, colorOf.apply(e.getKey()),
                    e.getKey() + ": " + e.getValue(), e.getKey(), Long.toString(e.getValue())));
            row++;
        }
        return new Chart(LABEL_WIDTH + BAR_SPACE + 80, Math.max(BAR_ROW, row * BAR_ROW), bars, List.of(), List.of(),
                List.of(), List.of());
    }

    static String millisText(long millis) {
        return millis >= 10_000 ? (millis / 1000) + " s" : millis + " ms";
    }

    static String hourText(long hour) {
        return HOUR.format(Instant.ofEpochSecond(hour * 3600));
    }

    private static double yOf(double value, long max) {
        return PLOT_TOP + PLOT_HEIGHT - value * PLOT_HEIGHT / max;
    }

    /** The top of the value axis: four steps of 1, 2 or 5 times a power of ten, so every tick is a round number. */
    static long niceMax(long value) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (4 * m * step >= value) {
                    return 4 * m * step;
                }
            }
            step *= 10;
        }
    }

    private static List<Chart.Tick> yTicks(long max, java.util.function.LongFunction<String> text) {
        List<Chart.Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            long value = max * i / 4;
            ticks.add(new Chart.Tick(round(yOf(value, max)), text.apply(value)));
        }
        return ticks;
    }

    /** A label at each midnight UTC in the range. */
    private static List<Chart.Tick> dayTicks(long firstHour, int hours) {
        List<Chart.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            if ((firstHour + i) % 24 == 0) {
                ticks.add(new Chart.Tick(PLOT_LEFT + i * HOUR_WIDTH, DAY.format(Instant.ofEpochSecond((firstHour + i) * 3600))));
            }
        }
        return ticks;
    }

    private static List<Chart.Legend> legend(List<String> series, Map<String, Integer> color,
            Map<String, Map<Long, Long>> counts) {
        List<Chart.Legend> legend = new ArrayList<>();
        for (String s : series) {
            legend.add(new Chart.Legend(s, color.get(s), Long.toString(total(counts.get(s)))));
        }
        return legend;
    }

    private static long total(Map<Long, Long> byHour) {
        return byHour.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
