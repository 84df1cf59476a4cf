package com.truustrules.rule;

import com.truustrules.action.ActionSpec;
import com.truustrules.rule.expr.Expression;
import java.util.List;
import java.util.Set;

/**
 * A compiled rule, built by name through {@link #builder()}. {@code when} and {@code oncePer} are null
 * when absent; {@code on} is empty for a cron rule, which has a {@code schedule} instead.
 */
public record Rule(String id, String version, String file, int line, String description, boolean enabled,
        Set<String> on, String schedule, Expression when, int priority, Expression oncePer, Integer limit,
        List<ActionSpec> actions) {

    public static final String ANY_TYPE = "*";

    public static Builder builder() {
        return new Builder();
    }

    /** Names each part of a rule, so that no call site depends on the order of thirteen components. */
    public static final class Builder {
        private String id;
        private String version;
        private String file;
        private int line;
        private String description;
        private boolean enabled = true;
        private Set<String> on = Set.of();
        private String schedule;
        private Expression when;
        private int priority;
        private Expression oncePer;
        private Integer limit;
        private List<ActionSpec> actions = List.of();

        private Builder() {
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder version(String value) {
            version = value;
            return this;
        }

        /** The file and the 1-based line the rule starts at. */
        public Builder at(String inFile, int atLine) {
            file = inFile;
            line = atLine;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder enabled(boolean value) {
            enabled = value;
            return this;
        }

        public Builder on(Set<String> types) {
            on = types;
            return this;
        }

        public Builder schedule(String cron) {
            schedule = cron;
            return this;
        }

        public Builder when(Expression condition) {
            when = condition;
            return this;
        }

        public Builder priority(int value) {
            priority = value;
            return this;
        }

        public Builder oncePer(Expression key) {
            oncePer = key;
            return this;
        }

        public Builder limit(Integer value) {
            limit = value;
            return this;
        }

        public Builder actions(List<ActionSpec> value) {
            actions = value;
            return this;
        }

        public Rule build() {
            return new Rule(id, version, file, line, description, enabled, on, schedule, when, priority, oncePer, limit,
                    actions);
        }
    }
}
