package com.truustrules.rule.expr;

import static com.truustrules.rule.expr.ExpressionRefusalTest.ROOTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random checks of the properties that make the expression layer safe: generated valid
 * expressions compile and evaluate; a refused character or word spliced into one is refused; and
 * for any token soup, compile throws nothing but ExpressionException and MVEL only ever receives
 * generated names, helper calls and operators.
 */
class ExpressionFuzzTest {

    private static final long SEED = 20261127L;
    private static final int CASES = 1_500;
    /** The complete alphabet of the MVEL text this layer produces. */
    private static final Pattern MVEL_ALPHABET = Pattern.compile(
            "(?:__[fc]\\d+|fn_[A-Za-z]+|true|false|null|0|==|!=|<=|>=|&&|\\|\\||[<>!+\\-*/%?:(), ])+");

    private static final String[] PATHS = {"escrow.amount", "escrow.status", "escrow.metadata.buyer_email", "escrow.vip",
        "event.receivedAt", "offers['bf'].start", "payload.items[0].price", "now", "order.total"};
    private static final String[] LITERALS = {"1", "2.5", "0", "1000", "'PT24H'", "'paid'", "\"x\"", "true", "false", "null",
        "'2026-11-27T00:00:00Z'"};
    private static final String[] BINARY = {"==", "!=", "<", "<=", ">", ">=", "&&", "||", "+", "-", "*", "/", "%"};
    private static final String[] REFUSED_CHARS = {"=", ";", "{", "}", "@", "$", "#", "`", "+=", "++", "--", "\\", "&", "|",
        "~", "^"};
    private static final String[] REFUSED_WORDS = {"new", "import", "def", "function", "while", "for", "foreach", "do",
        "until", "with", "isdef", "in", "this", "instanceof"};
    private static final String[] NAMES_NEVER_KEYS = {"getClass", "class"};
    private static final String[] FOREIGN_NAMES = {"Runtime", "System", "Thread", "Class", "java", "exec", "getRuntime",
        "forName", "ClassLoader", "ProcessBuilder"};
    private static final String[] SOUP = {"escrow", "event", "offers", "now", "payload", ".", "amount", "status", "[", "]",
        "(", ")", ",", "?", ":", "!", "-", "'bf'", "0", "within", "between", "hoursSince", "matches", "lower", "decimal",
        "instant", "contains", "startsWith", "size", "==", "<", "&&", "||", "+", "'PT24H'", "1.5", "true", "null",
        "new", "getClass", "class", "Runtime", "java", "lang", "System", "exit", "=", ";", "{", "}", "@", "$", "#",
        "import", "def", "while", "for", "in", "'x'", "\"y\"", "\\", "`"};

    private final Random random = new Random(SEED);

    @Test
    void generatedExpressionsCompileAndEvaluate() {
        for (int i = 0; i < CASES; i++) {
            String source = expression(3);
            Expression expression = compiles(source);
            assertTrue(MVEL_ALPHABET.matcher(expression.mvel()).matches(), source + " -> " + expression.mvel());
            evaluatesOrReportsAnEvaluationError(expression);
        }
    }

    @Test
    void aRefusedCharacterSplicedIntoAValidExpressionIsRefused() {
        for (int i = 0; i < CASES; i++) {
            String spliced = splice(tokens(expression(3)), pick(REFUSED_CHARS));
            assertThrows(ExpressionException.class, () -> Expression.compile(spliced, ROOTS), spliced);
        }
    }

    @Test
    void aForeignNameSplicedIntoAValidExpressionIsRefused() {
        for (int i = 0; i < CASES; i++) {
            String word = pick(random.nextBoolean() ? NAMES_NEVER_KEYS : FOREIGN_NAMES);
            String spliced = splice(tokens(expression(3)), word);
            assertThrows(ExpressionException.class, () -> Expression.compile(spliced, ROOTS), spliced);
        }
    }

    @Test
    void aReservedWordSplicedIntoAValidExpressionIsRefusedByName() {
        for (int i = 0; i < CASES; i++) {
            String word = pick(REFUSED_WORDS);
            String spliced = splice(tokens(expression(3)), word);
            ExpressionException error = assertThrows(ExpressionException.class, () -> Expression.compile(spliced, ROOTS));
            assertTrue(error.getMessage().startsWith("`" + word + "` is not allowed"), spliced + " -> " + error.getMessage());
        }
    }

    @Test
    void tokenSoupsOnlyEverFailWithExpressionExceptionAndNeverLeakIntoMvel() {
        int compiled = 0;
        for (int i = 0; i < CASES * 10; i++) {
            String soup = soup();
            try {
                Expression expression = Expression.compile(soup, ROOTS);
                assertTrue(MVEL_ALPHABET.matcher(expression.mvel()).matches(), soup + " -> " + expression.mvel());
                evaluatesOrReportsAnEvaluationError(expression);
                compiled++;
            } catch (ExpressionException refused) {
                assertTrue(refused.column() >= 1 && refused.column() <= soup.length() + 1, soup + " -> " + refused.getMessage());
            } catch (RuntimeException | Error unexpected) {
                fail(soup + " threw " + unexpected, unexpected);
            }
        }
        assertTrue(compiled > 100, "the soups must also produce valid expressions, got " + compiled);
    }

    private Expression compiles(String source) {
        try {
            return Expression.compile(source, ROOTS);
        } catch (ExpressionException e) {
            throw new AssertionError(source + " -> " + e.getMessage(), e);
        }
    }

    private void evaluatesOrReportsAnEvaluationError(Expression expression) {
        try {
            expression.evaluate(facts());
        } catch (EvaluationException expected) {
            assertEquals(EvaluationException.class, expected.getClass());
        }
    }

    /** A random expression of the allowed grammar, at most {@code depth} operators deep. */
    private String expression(int depth) {
        int choice = depth == 0 ? random.nextInt(2) : random.nextInt(7);
        return switch (choice) {
            case 0 -> pick(PATHS);
            case 1 -> pick(LITERALS);
            case 2 -> binary(depth - 1);
            case 3 -> (random.nextBoolean() ? "!" : "- ") + expression(depth - 1);
            case 4 -> "(" + expression(depth - 1) + ")";
            case 5 -> expression(depth - 1) + " ? " + expression(depth - 1) + " : " + expression(depth - 1);
            default -> call(depth - 1);
        };
    }

    /** Comparisons are bracketed: `a < b < c` is refused by design (see ExpressionRefusalTest). */
    private String binary(int depth) {
        String operator = pick(BINARY);
        String text = expression(depth) + " " + operator + " " + expression(depth);
        return operator.startsWith("<") || operator.startsWith(">") ? "(" + text + ")" : text;
    }

    private String call(int depth) {
        return switch (random.nextInt(8)) {
            case 0 -> "within(" + pick(PATHS) + ", " + pick(PATHS) + ", 'PT24H')";
            case 1 -> "between(" + pick(PATHS) + ", " + pick(PATHS) + ", " + pick(PATHS) + ")";
            case 2 -> "hoursSince(" + pick(PATHS) + ")";
            case 3 -> "matches(" + expression(depth) + ", '[a-z]+')";
            case 4 -> "lower(" + expression(depth) + ")";
            case 5 -> "decimal(" + expression(depth) + ")";
            case 6 -> "contains(" + expression(depth) + ", " + expression(depth) + ")";
            default -> "size(" + expression(depth) + ")";
        };
    }

    /** Splits on the spaces this generator puts between tokens; literals contain none. */
    private static List<String> tokens(String source) {
        List<String> tokens = new ArrayList<>();
        for (String part : source.replace("(", " ( ").replace(")", " ) ").replace(",", " , ").replace("!", " ! ")
                .replace(" ! =", " !=").split(" ")) {
            if (!part.isEmpty()) {
                tokens.add(part);
            }
        }
        return tokens;
    }

    private String splice(List<String> tokens, String piece) {
        List<String> spliced = new ArrayList<>(tokens);
        spliced.add(random.nextInt(spliced.size() + 1), piece);
        return " " + String.join(" ", spliced) + " ";
    }

    private String soup() {
        StringBuilder soup = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            soup.append(pick(SOUP)).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return soup.toString();
    }

    private Map<String, Object> facts() {
        Map<String, Object> escrow = new HashMap<>();
        escrow.put("amount", pick(new Object[] {1000, new BigDecimal("12.50"), "99.5", null, "n/a"}));
        escrow.put("status", pick(new Object[] {"paid", "CANCELLED", null}));
        escrow.put("vip", pick(new Object[] {true, false, null, "yes"}));
        escrow.put("metadata", random.nextBoolean() ? Map.of("buyer_email", "a@b.example") : null);
        Instant now = Instant.parse("2026-11-27T00:00:00Z").plusSeconds(random.nextInt(200_000) - 100_000);
        Map<String, Object> facts = new HashMap<>();
        facts.put("escrow", escrow);
        facts.put("event", Map.of("receivedAt", now));
        facts.put("offers", Map.of("bf", Map.of("start", "2026-11-27T00:00:00Z")));
        facts.put("payload", Map.of("items", List.of(Map.of("price", 10))));
        facts.put("now", now);
        return facts;
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
