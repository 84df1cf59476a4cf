package com.truustrules.action;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fired (synchronously) after a valid rule set became active: what the action side needs of it, so
 * that it never reads rules. {@code offers} are in fact form (offers['black-friday'].start).
 */
public record ActionsLoaded(String version, List<RuleActions> rules, Map<String, Object> offers, Path dir) {

    /** Before any rules were loaded. */
    public static final ActionsLoaded NONE = new ActionsLoaded("empty", List.of(), Map.of(), null);

    /** One rule's actions, in order. */
    public record RuleActions(String ruleId, boolean enabled, List<ActionSpec> actions) {
    }
}
