package com.truustrules.rule.expr;

import com.truustrules.rule.expr.Translator.Translation;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;
import org.mvel2.optimizers.OptimizerFactory;
import org.mvel2.optimizers.impl.refl.ReflectiveAccessorOptimizer;

/**
 * A rule expression: checked against the allowed vocabulary, then compiled once by MVEL.
 *
 * <p>Immutable and safe to share between threads: every evaluation reads the facts into its own
 * read-only {@link Variables}, and MVEL's compiled tree holds no per-evaluation state (its lazily
 * built accessors are stateless, so two threads building one at once both get a correct one).
 */
public final class Expression {

    /**
     * MVEL's optimizer logs a WARNING with a full stack trace before it rethrows a failed comparison
     * ("uncomparable values"); the throw is what we record as the rule's ERROR, so the warning only
     * buried it. Held here because the logging framework keeps loggers weakly, with their level.
     */
    private static final java.util.logging.Logger MVEL_LOG = java.util.logging.Logger.getLogger("org.mvel2");

    static {
        // MVEL's default "dynamic" optimizer switches hot expressions to ASM-generated accessor
        // classes: runtime bytecode, impossible in a native image. The reflective one never does.
        useReflectiveOptimizer();
        MVEL_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /** Without a deadline of its own: loading rules is not bounded, only evaluating them. */
    private static final Budget WARM_UP = Budget.of(Duration.ofDays(1));

    static {
        Deadline previous = WARM_UP.start().enter();
        try {
            Helpers.warmUp();
        } finally {
            Deadline.restore(previous);
        }
    }

    /** The helper methods MVEL may call, under their MVEL-side names (see {@link Helper#MVEL_PREFIX}). */
    private static final Map<String, Method> IMPORTS = imports();

    private final String source;
    private final boolean isBoolean;
    private final List<List<Object>> segments;
    private final List<String> paths;
    private final Object[] constants;
    /** Generated variable name → position in an evaluation's values: paths first, then constants. */
    private final Map<String, Integer> variableIndex;
    private final String mvel;
    private final Serializable compiled;
    private final Budget budget;

    private Expression(String source, Translation translation, Serializable compiled, Budget budget) {
        this.source = source;
        this.isBoolean = translation.isBoolean();
        this.segments = translation.paths();
        this.paths = segments.stream().map(Facts::render).toList();
        this.constants = translation.constants().toArray();
        this.variableIndex = variableIndex(segments.size(), constants.length);
        this.mvel = translation.mvel();
        this.compiled = compiled;
        this.budget = budget;
    }

    /**
     * Checks then compiles. {@code roots} are the fact names allowed as first identifier (e.g.
     * event, escrow, payin, payout, payload, offers, now, order).
     *
     * @throws ExpressionException naming the offending token and its 1-based column
     */
    public static Expression compile(String source, Set<String> roots) throws ExpressionException {
        return compile(source, roots, Budget.DEFAULT);
    }

    /**
     * As {@link #compile(String, Set)}, with the time each evaluation may take: one that runs longer
     * fails with an {@link EvaluationTimeoutException}.
     */
    public static Expression compile(String source, Set<String> roots, Budget budget) throws ExpressionException {
        Translation translation = Translator.translate(source, roots);
        Expression expression = new Expression(source, translation, compileMvel(translation.mvel()), budget);
        expression.warmUp();
        return expression;
    }

    /** The helper names an expression may call, for documentation and error messages. */
    public static List<String> helpers() {
        return Arrays.stream(Helper.values()).map(Helper::label).toList();
    }

    public String source() {
        return source;
    }

    /**
     * True when the result is a boolean whatever the facts: a comparison, &&, ||, !, true/false,
     * a boolean helper, or a ternary whose branches are all such. A bare fact ({@code escrow.paid})
     * is not, since its value could be anything; write {@code escrow.paid == true}.
     */
    public boolean isBoolean() {
        return isBoolean;
    }

    /** The fact paths the expression reads, in order of first use (e.g. "offers.black-friday.start"). */
    public List<String> paths() {
        return paths;
    }

    /** The value of each path in these facts, in the order of {@link #paths()}: what the expression read. */
    public Map<String, Object> values(Map<String, Object> facts) {
        return read(facts).values();
    }

    /**
     * The result for these facts. Missing keys and null intermediates read as null; a comparison
     * with null is false and a null operand of &&, || or ! counts as false.
     *
     * @throws EvaluationException when the facts do not fit the expression (e.g. text &lt; number)
     */
    public Object evaluate(Map<String, Object> facts) {
        return read(facts).evaluate();
    }

    /** The boolean result for these facts; anything but true or false is an ExpressionException (column 0). */
    public boolean test(Map<String, Object> facts) throws ExpressionException {
        return read(facts).test();
    }

    /** Walks the facts this expression reads, once: the reading both evaluates and tells what was read. */
    public Reading read(Map<String, Object> facts) {
        Map<String, Object> known = safe(facts);
        Object[] values = new Object[segments.size() + constants.length];
        for (int i = 0; i < segments.size(); i++) {
            values[i] = Facts.walk(known, segments.get(i));
        }
        System.arraycopy(constants, 0, values, segments.size(), constants.length);
        return new Reading(values);
    }

    /** The values of an expression's paths in one set of facts (the rule engine evaluates and records them). */
    public final class Reading {

        private final Object[] values;

        private Reading(Object[] values) {
            this.values = values;
        }

        /** Path → value, in the order of {@link #paths()}. */
        public Map<String, Object> values() {
            return values(UnaryOperator.identity());
        }

        /**
         * Path → value as {@code shown}, in the order of {@link #paths()}: a read-only view, built at no
         * cost per evaluation (a rule set records one for every rule and event) and read when recorded.
         */
        public Map<String, Object> values(UnaryOperator<Object> shown) {
            return new AbstractMap<>() {
                @Override
                public Set<Entry<String, Object>> entrySet() {
                    return new AbstractSet<>() {
                        @Override
                        public Iterator<Entry<String, Object>> iterator() {
                            return IntStream.range(0, paths.size())
                                    .mapToObj(i -> (Entry<String, Object>) new SimpleImmutableEntry<>(paths.get(i),
                                            shown.apply(values[i])))
                                    .iterator();
                        }

                        @Override
                        public int size() {
                            return paths.size();
                        }
                    };
                }
            };
        }

        /** As {@link Expression#evaluate(Map)}; the budget's clock starts here. */
        public Object evaluate() {
            Deadline previous = budget.start().enter();
            try {
                return MVEL.executeExpression(compiled, new Variables(variableIndex, values));
            } catch (RuntimeException e) {
                throw failure(e);
            } finally {
                Deadline.restore(previous);
            }
        }

        /** As {@link Expression#test(Map)}. */
        public boolean test() throws ExpressionException {
            Object result;
            try {
                result = evaluate();
            } catch (EvaluationException e) {
                throw new ExpressionException(e.getMessage(), 0, e);
            }
            if (result instanceof Boolean answer) {
                return answer;
            }
            throw new ExpressionException("`" + source + "` gave " + Helpers.describe(result) + ", not true or false", 0);
        }
    }

    /**
     * MVEL builds its accessors on an expression's first run, and the first run in a JVM loads
     * classes: over 100 ms, which made a rule's first event a timeout. So the expression runs once
     * here, on facts that are all missing; its answer does not matter. (The helpers' own classes
     * are loaded once per JVM, by {@link Helpers#warmUp}.)
     */
    private void warmUp() {
        Object[] values = read(Map.of()).values;
        Deadline previous = WARM_UP.start().enter();
        try {
            MVEL.executeExpression(compiled, new Variables(variableIndex, values));
        } catch (RuntimeException ignored) {
            // e.g. arithmetic on a missing fact: what is built so far is built
        } finally {
            Deadline.restore(previous);
        }
    }

    /** The text MVEL compiled: generated names, operators and helper calls only. */
    String mvel() {
        return mvel;
    }

    /** The compiled MVEL statement, for tests that inspect which accessors MVEL built. */
    Serializable compiled() {
        return compiled;
    }

    @Override
    public String toString() {
        return source;
    }

    private static Map<String, Integer> variableIndex(int paths, int constants) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < paths; i++) {
            index.put(Translator.pathVariable(i), i);
        }
        for (int i = 0; i < constants; i++) {
            index.put(Translator.constantVariable(i), paths + i);
        }
        return Map.copyOf(index);
    }

    private static Map<String, Object> safe(Map<String, Object> facts) {
        return facts == null ? Map.of() : facts;
    }

    private static Serializable compileMvel(String mvel) throws ExpressionException {
        useReflectiveOptimizer();
        ParserContext context = new ParserContext();
        IMPORTS.forEach(context::addImport);
        try {
            return MVEL.compileExpression(mvel, context);
        } catch (RuntimeException e) {
            // Unreachable for checked input; kept so a gap between the grammar and MVEL fails at load.
            throw new ExpressionException("MVEL refused the checked expression: " + e.getMessage(), 0, e);
        }
    }

    private static Map<String, Method> imports() {
        Map<String, Method> imports = new HashMap<>();
        for (Helper helper : Helper.values()) {
            imports.put(helper.mvelName(), helper.method());
        }
        imports.put(Helper.MVEL_PREFIX + "truth", Helper.lookup("truth", 1));
        return Map.copyOf(imports);
    }

    /** Re-asserted before each compile in case other code in the process changed MVEL's global default. */
    private static void useReflectiveOptimizer() {
        if (!(OptimizerFactory.getDefaultAccessorCompiler() instanceof ReflectiveAccessorOptimizer)) {
            OptimizerFactory.setDefaultOptimizer(OptimizerFactory.SAFE_REFLECTIVE);
        }
    }

    private EvaluationException failure(RuntimeException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof EvaluationTimeoutException timeout) {
                return new EvaluationTimeoutException("`" + source + "`: " + timeout.getMessage(), timeout.timeout());
            }
        }
        return new EvaluationException("`" + source + "` failed: " + rootMessage(error), error);
    }

    /** A helper's own exception explains itself; otherwise MVEL's outermost message is the clearest. */
    private static String rootMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvocationTargetException invocation && invocation.getTargetException() != null) {
                return messageOf(invocation.getTargetException());
            }
        }
        return messageOf(error);
    }

    private static String messageOf(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
