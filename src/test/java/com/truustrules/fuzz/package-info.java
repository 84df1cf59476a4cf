/**
 * Property-based fuzzing with jqwik, which runs as a second JUnit Platform engine beside Jupiter
 * (Surefire counts both). Each property has a small budget so that the normal {@code ./mvnw test}
 * spends seconds here; a long run raises every property's tries:
 *
 * <pre>
 * ./mvnw -B test -Dtest='com.truustrules.fuzz.*FuzzTest' -Dfuzz.tries=100000
 * ./mvnw -B test -Dtest=RuleFileFuzzTest -Dfuzz.seed=-5803340137327496022   # replay a printed seed
 * </pre>
 *
 * What each defect found looked like is kept in the {@code *FindingsTest} classes, one plain test
 * per defect, named after it.
 */
package com.truustrules.fuzz;
