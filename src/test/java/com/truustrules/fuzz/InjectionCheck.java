package com.truustrules.fuzz;

import com.truustrules.rule.expr.EvaluationException;
import com.truustrules.rule.expr.Expression;
import com.truustrules.rule.expr.ExpressionException;
import com.truustrules.rule.expr.Facts;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One expression through the whole life of a rule condition, with the checks that make it safe:
 * refused with a located ExpressionException, or compiled to MVEL text of generated names,
 * helper calls and operators only, then evaluated to a value or an evaluation error, with no
 * file created and no system property set. Used in-process by the properties and in a child JVM.
 */
final class InjectionCheck {

    /** The complete alphabet of the text MVEL may compile (see rule/expr/Translator). */
    static final Pattern MVEL_ALPHABET = Pattern.compile("(?:__[fc]\\d+|fn_(?:"
            + Expression.helpers().stream().map(Pattern::quote).collect(Collectors.joining("|"))
            + "|truth)(?=\\()|true|false|null|0|==|!=|<=|>=|&&|\\|\\||[<>!+\\-*/%?:(), ])+");
    private static final Method MVEL_TEXT = mvelText();

    private final Path marker;
    private final String property;

    InjectionCheck(Path marker, String property) {
        this.marker = marker;
        this.property = property;
    }

    /** The compiled expression, or empty when refused; throws AssertionError when a check fails. */
    Optional<Expression> check(String source, Map<String, Object> facts) {
        Expression expression;
        try {
            expression = Expression.compile(source, InjectionCorpus.ROOTS);
        } catch (ExpressionException refused) {
            require(refused.column() >= 1 && refused.column() <= source.length() + 1, source, "refused at column "
                    + refused.column() + ": " + refused.getMessage());
            return Optional.empty();
        }
        String mvel = mvel(expression);
        require(MVEL_ALPHABET.matcher(mvel).matches(), source, "reached MVEL as " + mvel);
        evaluate(expression, facts);
        requireNoSideEffect(source);
        return Optional.of(expression);
    }

    void requireNoSideEffect(String source) {
        require(!Files.exists(marker), source, "created " + marker);
        require(System.getProperty(property) == null, source, "set the system property " + property);
    }

    /** A value or an evaluation error, never anything else; each path reads what Facts reads. */
    private static void evaluate(Expression expression, Map<String, Object> facts) {
        try {
            expression.evaluate(facts);
        } catch (EvaluationException expected) {
            // the facts do not fit the expression: reported per rule, never a crash
        }
        try {
            expression.test(facts);
        } catch (ExpressionException expected) {
            // not true or false for these facts: the rule reports it and does not fire
        }
        Map<String, Object> values = expression.values(facts);
        for (String path : expression.paths()) {
            require(values.get(path) == Facts.valueAt(facts, path), expression.source(), "path " + path + " reads back differently");
        }
    }

    static String mvel(Expression expression) {
        try {
            return (String) MVEL_TEXT.invoke(expression);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Expression.mvel() is gone: update the fuzz check", e);
        }
    }

    private static void require(boolean condition, String source, String problem) {
        if (!condition) {
            throw new AssertionError("`" + source + "` " + problem);
        }
    }

    private static Method mvelText() {
        try {
            Method method = Expression.class.getDeclaredMethod("mvel");
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Expression.mvel() is gone: update the fuzz check", e);
        }
    }
}
