package com.truustrules.console.overview;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A chart as the overview template draws it in SVG: every coordinate already computed, every label
 * plain text (the template escapes it). {@code color} is an index into the console's palette (c0..c7).
 */
@RegisterForReflection
public record Chart(int width, int height, List<Bar> bars, List<Line> lines, List<Tick> yTicks, List<Tick> xTicks,
        List<Legend> legend) {

    /** A rectangle with its tooltip. */
    @RegisterForReflection
    public record Bar(double x, double y, double width, double height, int color, String title, String label,
            String value) {

        /** The name as drawn: long rule ids are cut (the tooltip has them whole). */
        public String shortLabel() {
            return label.length() <= 26 ? label : label.substring(0, 25) + "…";
        }

        /** Where the bar's name ends (right-aligned, left of the bar). */
        public double labelX() {
            return x - 8;
        }

        /** Where the bar's value starts (right of the bar). */
        public double valueX() {
            return x + width + 6;
        }

        /** The middle of the bar, for its texts. */
        public double middleY() {
            return y + height / 2;
        }
    }

    /** A polyline ("x,y x,y ...") with its name. */
    @RegisterForReflection
    public record Line(String points, int color, String name) {
    }

    /** An axis label at a position (x for the time axis, y for the value axis). */
    @RegisterForReflection
    public record Tick(double at, String label) {
    }

    /** One series' name, colour and total. */
    @RegisterForReflection
    public record Legend(String label, int color, String total) {
    }

    /** The plot's left edge and its bottom (the time axis), and where the time axis's labels go. */
    public int left() {
        return Charts.PLOT_LEFT;
    }

    public int top() {
        return Charts.PLOT_TOP;
    }

    public int bottom() {
        return Charts.PLOT_TOP + Charts.PLOT_HEIGHT;
    }

    public int axisLabelY() {
        return bottom() + Charts.AXIS_HEIGHT - 6;
    }

    public int tickLabelX() {
        return Charts.PLOT_LEFT - 4;
    }

    public boolean isEmpty() {
        return bars.isEmpty() && lines.isEmpty();
    }
}
