package com.truustrules.bench;

import java.util.Set;

/** Setup checks: a benchmark whose engines disagree with the corpus measures nothing worth printing. */
final class Checks {

    private Checks() {
    }

    static void same(String engine, int expectedEvaluated, int evaluated, Set<String> matched) {
        if (evaluated != expectedEvaluated) {
            throw new IllegalStateException(engine + " evaluated " + evaluated + " rules, expected " + expectedEvaluated);
        }
        Set<String> expected = RuleCorpus.expectedMatches();
        if (!matched.equals(expected)) {
            throw new IllegalStateException(engine + " matched " + matched + ", expected " + expected);
        }
    }
}
