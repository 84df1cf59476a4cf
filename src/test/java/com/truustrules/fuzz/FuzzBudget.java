package com.truustrules.fuzz;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The fuzz budget: each property's own small {@code tries} in the normal build, replaced by
 * {@code -Dfuzz.tries=N} for a long run; {@code -Dfuzz.seed=S} replays the seed a failure printed.
 */
public class FuzzBudget implements AroundPropertyHook {

    /** Registered on a class, the hook must reach the class's properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyAttributes attributes = context.attributes();
        Integer tries = Integer.getInteger("fuzz.tries");
        // An @Example is one deliberate case (some start a JVM): only generated properties grow.
        if (tries != null && !context.targetMethod().isAnnotationPresent(Example.class)) {
            attributes.setTries(tries);
        }
        String seed = System.getProperty("fuzz.seed");
        if (seed != null && !seed.isBlank()) {
            attributes.setSeed(seed.trim());
        }
        return property.execute();
    }
}
