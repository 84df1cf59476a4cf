package com.truustrules.rule;

import java.nio.file.Path;

/** Fired (synchronously) after a valid rule set became active, e.g. to import promo-code pools. */
public record RulesLoaded(RuleSet ruleSet, Path dir) {
}
