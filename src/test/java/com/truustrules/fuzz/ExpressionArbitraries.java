package com.truustrules.fuzz;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Expressions of the allowed grammar (with awkward keys and literals), and facts to evaluate them against. */
final class ExpressionArbitraries {

    private static final List<String> KEYS = List.of("amount", "status", "metadata", "buyer_email", "items", "price",
            "start", "end", "new", "import", "0", "a.b", "it's", "", " ", "back\\slash", "ü", "x[0]");
    private static final List<String> LITERALS = List.of("0", "1", "12.50", "1000", "2147483648", "99999999999999999999",
            "0.000000000000000000001", "'paid'", "\"PAID\"", "''", "'it\\'s'", "'\\u0000'", "'\\n\\t'", "'PT24H'", "'P1D'",
            "'x'", "'2026-11-27T00:00:00Z'", "'[a-z]+'", "'(a|b)*c'", "true", "false", "null");
    private static final List<String> BINARY = List.of("==", "!=", "&&", "||", "+", "-", "*", "/", "%");
    private static final List<String> RELATIONAL = List.of("<", "<=", ">", ">=");
    /** Values that facts take: every JSON kind, times, and numbers at the edges of their types. */
    private static final List<Object> SCALARS = List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            new BigDecimal("12.50"), new BigDecimal("1E+999999999"), new BigDecimal("-1E-999999999"),
            new BigDecimal("99999999999999999999999999999999999999"), Double.NaN, Double.POSITIVE_INFINITY, 1e308, "", "paid",
            "PAID", "1000", "12.50", "1e999999999", "2026-11-27T00:00:00Z", "P1D", "java.lang.Runtime",
            "Runtime.getRuntime().exec('id')", "@{System.exit(0)}", "${x}", true, false, Instant.EPOCH,
            Instant.parse("2026-11-27T10:00:00Z"), Instant.MAX, Instant.MIN);

    private ExpressionArbitraries() {
    }

    /** An expression the grammar accepts, up to four levels deep (it may still fail on a literal). */
    static Arbitrary<String> valid() {
        return Arbitraries.recursive(ExpressionArbitraries::primary, ExpressionArbitraries::compound, 0, 4);
    }

    /** Facts under every root, nested up to three levels, with any kind of value. */
    static Arbitrary<Map<String, Object>> facts() {
        Arbitrary<Object> value = Arbitraries.recursive(() -> Arbitraries.of(SCALARS).injectNull(0.1),
                ExpressionArbitraries::container, 0, 3);
        List<String> roots = List.copyOf(InjectionCorpus.ROOTS);
        return value.injectNull(0.2).list().ofSize(roots.size()).map(values -> {
            Map<String, Object> facts = new HashMap<>();
            for (int i = 0; i < roots.size(); i++) {
                facts.put(roots.get(i), values.get(i));
            }
            return facts;
        });
    }

    static Arbitrary<String> path() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(KEYS).filter(k -> k.matches("[a-z_]+")).map(k -> "." + k),
                Arbitraries.of(KEYS).map(k -> "['" + k.replace("\\", "\\\\").replace("'", "\\'") + "']"),
                Arbitraries.integers().between(0, 3).map(i -> "[" + i + "]"));
        return Combinators.combine(Arbitraries.of(InjectionCorpus.ROOTS), segment.list().ofMaxSize(3))
                .as((root, segments) -> root + String.join("", segments));
    }

    private static Arbitrary<String> primary() {
        return Arbitraries.oneOf(path(), Arbitraries.of(LITERALS));
    }

    private static Arbitrary<String> compound(Arbitrary<String> inner) {
        return Arbitraries.oneOf(
                Combinators.combine(inner, Arbitraries.of(BINARY), inner).as((a, op, b) -> a + " " + op + " " + b),
                Combinators.combine(inner, Arbitraries.of(RELATIONAL), inner).as((a, op, b) -> "(" + a + " " + op + " " + b + ")"),
                inner.map(e -> "!" + e), inner.map(e -> "-" + e), inner.map(e -> "(" + e + ")"),
                Combinators.combine(inner, inner, inner).as((c, a, b) -> c + " ? " + a + " : " + b),
                call(inner));
    }

    private static Arbitrary<String> call(Arbitrary<String> inner) {
        Arbitrary<String> time = Arbitraries.oneOf(path(), Arbitraries.of("'2026-11-27T00:00:00Z'", "'yesterday'", "0"));
        return Arbitraries.oneOf(
                Combinators.combine(time, time, Arbitraries.of("'PT24H'", "'P1D'", "'forever'", "1")).as((a, b, d) ->
                        "within(" + a + ", " + b + ", " + d + ")"),
                Combinators.combine(time, time, time).as((a, b, c) -> "between(" + a + ", " + b + ", " + c + ")"),
                time.map(t -> "hoursSince(" + t + ")"), time.map(t -> "instant(" + t + ")"),
                Combinators.combine(inner, Arbitraries.of("'[a-z]+'", "'(a+)+'", "'['", "1")).as((s, r) ->
                        "matches(" + s + ", " + r + ")"),
                inner.map(e -> "lower(" + e + ")"), inner.map(e -> "decimal(" + e + ")"), inner.map(e -> "size(" + e + ")"),
                Combinators.combine(inner, inner).as((a, b) -> "contains(" + a + ", " + b + ")"),
                Combinators.combine(inner, inner).as((a, b) -> "startsWith(" + a + ", " + b + ")"));
    }

    private static Arbitrary<Object> container(Arbitrary<Object> inner) {
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(list -> (Object) list),
                Combinators.combine(Arbitraries.of(KEYS), inner).as(SimpleEntry::new).list().ofMaxSize(4).map(entries -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
                    return (Object) map;
                }));
    }
}
