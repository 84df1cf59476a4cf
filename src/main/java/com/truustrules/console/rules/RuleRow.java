package com.truustrules.console.rules;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A loaded rule as the rules page lists it. */
@RegisterForReflection
public record RuleRow(String id, String version, String file, boolean enabled, String types, String lastFired,
        long firedToday) {
}
