package com.truustrules.rule;

import com.truustrules.action.ActionSpec;
import com.truustrules.rule.expr.Expression;
import java.util.List;
import java.util.Set;

/**
 * A compiled rule. {@code when} and {@code oncePer} are null when absent; {@code on} is empty for a
 * cron rule, which has a {@code schedule} instead.
 */
public record Rule(String id, String version, String file, int line, String description, boolean enabled,
        Set<String> on, String schedule, Expression when, int priority, Expression oncePer, Integer limit,
        List<ActionSpec> actions) {

    public static final String ANY_TYPE = "*";

    public boolean appliesTo(String type) {
        return enabled && (on.contains(type) || on.contains(ANY_TYPE));
    }
}
