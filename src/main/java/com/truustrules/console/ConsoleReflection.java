package com.truustrules.console;

import com.truustrules.console.rules.Backfill;
import com.truustrules.rule.RuleError;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Classes the console's templates read by reflection that are not the console's own views: kept in a native image. */
@RegisterForReflection(targets = {RuleError.class, Backfill.Preview.class, Backfill.Applied.class})
public final class ConsoleReflection {

    private ConsoleReflection() {
    }
}
