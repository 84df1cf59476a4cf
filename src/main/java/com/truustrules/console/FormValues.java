package com.truustrules.console;

/** What a console form or query field holds: a field left out and a blank one mean the same. */
public final class FormValues {

    private FormValues() {
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
