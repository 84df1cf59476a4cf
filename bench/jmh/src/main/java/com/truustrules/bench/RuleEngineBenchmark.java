package com.truustrules.bench;

import com.truustrules.rule.Evaluation;
import com.truustrules.rule.RuleEngine;
import com.truustrules.rule.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.mvel2.optimizers.OptimizerFactory;
import org.mvel2.optimizers.impl.refl.ReflectiveAccessorOptimizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One event against 1,000 rules (100 for each of 10 event types): truust-rules against Easy Rules
 * 4.1 firing the same conditions on the same MVEL. One operation is one event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RuleEngineBenchmark {

    /** Our rule set and the event's facts, built once. */
    @State(Scope.Benchmark)
    public static class Truust {
        RuleSet rules;
        Map<String, Object> facts;

        @Setup
        public void setUp() {
            rules = TruustSide.ruleSet();
            facts = TruustSide.facts(rules);
            TruustSide.check(rules, facts);
        }
    }

    /**
     * Easy Rules' rules and facts. "reflective" is the fair comparison: in the service's JVM our
     * Expression class switches MVEL to its reflective optimizer for everyone, so this fork builds
     * our rule set first, as the service would. "default" leaves MVEL's default (bytecode-generating)
     * optimizer, for information: it is not allowed in our native image.
     */
    @State(Scope.Benchmark)
    public static class Easy {
        @Param({"reflective", "default"})
        public String optimizer;

        Rules rules;
        Facts facts;
        DefaultRulesEngine engine;

        @Setup
        public void setUp() {
            if (optimizer.equals("reflective")) {
                TruustSide.ruleSet();
            }
            boolean reflective = OptimizerFactory.getDefaultAccessorCompiler() instanceof ReflectiveAccessorOptimizer;
            if (reflective != optimizer.equals("reflective")) {
                throw new IllegalStateException("MVEL's optimizer is not the '" + optimizer + "' one");
            }
            rules = EasyRulesSide.rules();
            facts = EasyRulesSide.facts();
            EasyRulesSide.check(rules, facts);
            engine = new DefaultRulesEngine();
        }
    }

    /** The engine alone: the 100 rules of the event's type, facts already built. */
    @Benchmark
    public List<Evaluation> truustRules(Truust state) {
        return RuleEngine.evaluate(state.rules, RuleCorpus.EVENT_TYPE, state.facts);
    }

    /** As the processor does it: facts built from the stored JSON body, then the rules. */
    @Benchmark
    public List<Evaluation> truustRulesFromJson(Truust state) {
        return RuleEngine.evaluate(state.rules, RuleCorpus.EVENT_TYPE, TruustSide.facts(state.rules));
    }

    /** Easy Rules fires all 1,000 rules; each condition's type check rejects 900 of them. */
    @Benchmark
    public Facts easyRules(Easy state) {
        state.engine.fire(state.rules, state.facts);
        return state.facts;
    }
}
