package com.truustrules.rule.expr;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.mvel2.optimizers.impl.refl.ReflectiveAccessorOptimizer;

/**
 * Native-image registration for what MVEL instantiates reflectively on its own: OptimizerFactory
 * creates a fresh optimizer with {@code getClass().newInstance()} each time a node is optimized.
 */
@RegisterForReflection(targets = ReflectiveAccessorOptimizer.class)
final class MvelReflection {

    private MvelReflection() {
    }
}
