package com.truustrules.console.overview;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of latencies, interpolated between neighbours as SQL's PERCENTILE_CONT does. */
final class Percentiles {

    private Percentiles() {
    }

    /** The p-th percentile (0..1) of sorted values; NaN when there are none. */
    static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double at = p * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
    }

    /** All values of several hours, sorted. */
    static double[] merged(Collection<double[]> hours) {
        double[] all = new double[hours.stream().mapToInt(h -> h.length).sum()];
        int i = 0;
        for (double[] hour : hours) {
            System.arraycopy(hour, 0, all, i, hour.length);
            i += hour.length;
        }
        Arrays.sort(all);
        return all;
    }
}
