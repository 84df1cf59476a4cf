package com.truustrules.rule;

import java.util.List;

/**
 * The outcome of reading the rules folder: a valid set, or the errors that kept it from loading;
 * warnings do not stop a load (e.g. a credential written in a rule file).
 */
public record LoadResult(RuleSet ruleSet, List<RuleError> errors, List<RuleError> warnings) {

    public LoadResult(RuleSet ruleSet, List<RuleError> errors) {
        this(ruleSet, errors, List.of());
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
