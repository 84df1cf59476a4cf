package com.truustrules.faults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Marks a fault scenario: it runs only under the Maven profile "faults" (bench/faults/run.sh), which
 * packages the builds it needs first; a plain ./mvnw verify reports it as skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("faults")
@EnabledIfSystemProperty(named = "faults", matches = "true", disabledReason = "run by bench/faults/run.sh (-Pfaults)")
public @interface FaultScenario {
}
