package com.truustrules.common;

/** Describes a caught failure for a stored error column or an API answer: short, and never just "null". */
public final class Failures {

    private Failures() {
    }

    /** The longest description kept: what an error column or a log-free answer can afford. */
    public static final int MAX = 2000;

    /** The exception's simple class name and message (its full name when it has none), at most {@link #MAX} characters. */
    public static String describe(Throwable e) {
        return clip(e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** The text cut to {@link #MAX} characters, marked when cut. */
    public static String clip(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }
}
