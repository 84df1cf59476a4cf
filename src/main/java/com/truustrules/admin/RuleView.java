package com.truustrules.admin;

import com.truustrules.rule.Rule;
import java.util.List;
import java.util.Set;

/** A loaded rule as the API shows it. */
public record RuleView(String id, String version, String file, int line, String description, boolean enabled,
        Set<String> on, String schedule, String when, int priority, String oncePer, Integer limit, List<String> actions) {

    static RuleView of(Rule rule) {
        return new RuleView(rule.id(), rule.version(), rule.file(), rule.line(), rule.description(), rule.enabled(),
                rule.on(), rule.schedule(), rule.when() == null ? null : rule.when().source(), rule.priority(),
                rule.oncePer() == null ? null : rule.oncePer().source(), rule.limit(),
                rule.actions().stream().map(a -> a.kind().key()).toList());
    }
}
