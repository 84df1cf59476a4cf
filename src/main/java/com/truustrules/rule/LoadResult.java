package com.truustrules.rule;

import java.util.List;

/**
 * The outcome of reading the rules folder: a valid set, or the errors that kept it from loading; and
 * warnings, which do not (an SMS text longer than one SMS).
 */
public record LoadResult(RuleSet ruleSet, List<RuleError> errors, List<RuleError> warnings) {

    public LoadResult(RuleSet ruleSet, List<RuleError> errors) {
        this(ruleSet, errors, List.of());
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
