package com.truustrules.action;

import java.util.List;
import java.util.Map;

/**
 * One setting of an action kind: its key, whether a rule must give it, and what its value must be.
 *
 * @param takes the value in words, for the message when a rule writes another ("a mapping of names to values")
 */
public record Setting(String name, boolean required, Type type, String takes) {

    /** What a value may be, as YAML reads it. */
    public enum Type {
        /** A scalar (text, number, true/false), which may hold {placeholders}; empty counts as not given. */
        TEXT("a text"),
        BOOLEAN("true or false"),
        MAPPING("a mapping"),
        LIST_OR_MAPPING("a list or a mapping"),
        /** Any YAML value (an http body: a text or a mapping). */
        ANY("any value");

        private final String takes;

        Type(String takes) {
            this.takes = takes;
        }

        /** Whether the value is of this type; only a text may be empty (null), any other must be written out. */
        public boolean holds(Object value) {
            return switch (this) {
                case TEXT -> !(value instanceof Map) && !(value instanceof List);
                case BOOLEAN -> value instanceof Boolean;
                case MAPPING -> value instanceof Map;
                case LIST_OR_MAPPING -> value instanceof Map || value instanceof List;
                case ANY -> true;
            };
        }
    }

    public static Setting required(String name) {
        return new Setting(name, true, Type.TEXT, Type.TEXT.takes);
    }

    public static Setting optional(String name) {
        return new Setting(name, false, Type.TEXT, Type.TEXT.takes);
    }

    public static Setting optional(String name, Type type, String takes) {
        return new Setting(name, false, type, takes);
    }
}
