package com.truustrules.rule;

import java.util.List;

/** The outcome of reading the rules folder: a valid set, or the errors that kept it from loading. */
public record LoadResult(RuleSet ruleSet, List<RuleError> errors) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
