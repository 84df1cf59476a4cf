package com.truustrules.rule.expr;

import com.truustrules.rule.expr.Helper.Param;
import com.truustrules.rule.expr.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a rule expression against an allow-list grammar and rewrites it into the only text MVEL
 * ever compiles. Fact paths become variables (read by {@link Facts} before evaluation), literals
 * become constants, helpers become imported functions, and every operation is parenthesised. So
 * MVEL never sees a name, a string or a number written by the rule author: whatever MVEL could
 * read into user text (class names, inline code, escapes) cannot reach it.
 *
 * <pre>
 * expression := or ('?' expression ':' expression)?
 * or         := and ('||' and)*               and        := equality ('&&' equality)*
 * equality   := relational (('=='|'!=') relational)*
 * relational := additive (('<'|'<='|'>'|'>=') additive)?
 * additive   := multiplicative (('+'|'-') multiplicative)*
 * multiplicative := unary (('*'|'/'|'%') unary)*
 * unary      := ('!'|'-') unary | primary
 * primary    := number | string | true | false | null | '(' expression ')'
 *             | helper '(' arguments ')' | fact ('.' key | '[' string ']' | '[' whole number ']')*
 * </pre>
 */
final class Translator {

    static final int MAX_LENGTH = 4000;
    static final int MAX_DEPTH = 32;
    /**
     * Brackets inside one another in the MVEL text. MVEL's compile time grows with about the cube of
     * it, and operator chains (a == b == c, a || b || c) nest without passing through {@link #enter}:
     * unbounded, 0==0==…==0 within the length limit took over seven minutes to compile.
     */
    static final int MAX_NESTING = 2 * MAX_DEPTH;

    /** Refused wherever they are not a key after a dot: MVEL or Java keywords, never fact names. */
    private static final Set<String> RESERVED = Set.of(
            "new", "import", "def", "function", "while", "for", "foreach", "do", "until", "with", "isdef",
            "if", "else", "return", "var", "this", "in", "instanceof", "is", "soundslike", "strsim", "assert",
            "switch", "case", "default", "try", "catch", "finally", "throw", "break", "continue", "empty",
            "nil", "proto", "static", "package", "void");
    /** Refused everywhere, even as a key: they only ever appear in attempts to reach the JVM. */
    private static final Set<String> NEVER = Set.of("getClass", "class");
    private static final Map<String, String> WORD_REASONS = Map.ofEntries(
            Map.entry("new", ": no object creation"), Map.entry("import", ": no imports"),
            Map.entry("def", ": no function definitions"), Map.entry("function", ": no function definitions"),
            Map.entry("while", ": no loops"), Map.entry("for", ": no loops"), Map.entry("foreach", ": no loops"),
            Map.entry("do", ": no loops"), Map.entry("until", ": no loops"),
            Map.entry("getClass", ": no reflection"), Map.entry("class", ": no reflection"));
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String HELPERS = Arrays.stream(Helper.values()).map(Helper::label).collect(Collectors.joining(", "));

    /** The checked expression: MVEL text, its static type, and the paths and constants it names. */
    record Translation(String mvel, boolean isBoolean, List<List<Object>> paths, List<Object> constants) {
    }

    /** A translated sub-expression; {@code constant} is the index of the literal it is, if any. */
    private record Piece(String mvel, boolean bool, Integer constant, int column) {
    }

    private final List<Token> tokens;
    private final Set<String> roots;
    private final Map<List<Object>, Integer> paths = new LinkedHashMap<>();
    private final List<Object> constants = new ArrayList<>();
    private int at;
    private int depth;

    private Translator(List<Token> tokens, Set<String> roots) {
        this.tokens = tokens;
        this.roots = roots;
    }

    static Translation translate(String source, Set<String> roots) throws ExpressionException {
        checkRoots(roots);
        if (source == null || source.isBlank()) {
            throw new ExpressionException("the expression is empty", 1);
        }
        if (source.length() > MAX_LENGTH) {
            throw new ExpressionException("the expression is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        List<Token> tokens = Tokenizer.tokenize(source);
        checkWords(tokens);
        return new Translator(tokens, roots).run();
    }

    static String pathVariable(int index) {
        return "__f" + index;
    }

    static String constantVariable(int index) {
        return "__c" + index;
    }

    private Translation run() throws ExpressionException {
        Piece whole = expression();
        if (peek().kind() != Kind.END) {
            throw unexpected(peek());
        }
        return new Translation(whole.mvel(), whole.bool(), List.copyOf(paths.keySet()), constants);
    }

    /** Roots come from the caller, not the rule author, so a bad one is a programming error. */
    private static void checkRoots(Set<String> roots) {
        for (String root : roots) {
            boolean clash = RESERVED.contains(root) || NEVER.contains(root) || Helper.named(root).isPresent()
                    || Set.of("true", "false", "null").contains(root);
            if (!IDENTIFIER.matcher(root).matches() || clash) {
                throw new IllegalArgumentException("`" + root + "` cannot be a fact name in expressions");
            }
        }
    }

    /**
     * Runs before the grammar so the leftmost refused character or word is what gets named:
     * {@code def f() {}} reports {@code def}, not the grammar's complaint about {@code f}.
     */
    private static void checkWords(List<Token> tokens) throws ExpressionException {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean key = i > 0 && tokens.get(i - 1).is(".");
            if (token.kind() == Kind.REFUSED) {
                throw refused(token, (String) token.value());
            }
            boolean word = token.kind() == Kind.IDENT;
            if (word && (NEVER.contains(token.text()) || !key && RESERVED.contains(token.text()))) {
                throw refused(token, WORD_REASONS.getOrDefault(token.text(), ""));
            }
        }
    }

    private static ExpressionException refused(Token token, String reason) {
        return new ExpressionException("`" + token.text() + "` is not allowed" + reason, token.column());
    }

    private Piece expression() throws ExpressionException {
        enter();
        Piece condition = or();
        if (accept("?")) {
            Piece yes = expression();
            expect(":");
            Piece no = expression();
            String mvel = "(" + truth(condition) + " ? " + yes.mvel() + " : " + no.mvel() + ")";
            condition = piece(mvel, yes.bool() && no.bool(), condition.column());
        }
        depth--;
        return condition;
    }

    private Piece or() throws ExpressionException {
        Piece left = and();
        while (accept("||")) {
            left = logical(left, "||", and());
        }
        return left;
    }

    private Piece and() throws ExpressionException {
        Piece left = equality();
        while (accept("&&")) {
            left = logical(left, "&&", equality());
        }
        return left;
    }

    private Piece equality() throws ExpressionException {
        Piece left = relational();
        while (peek().is("==") || peek().is("!=")) {
            String operator = next().text();
            left = binary(left, operator, relational(), true);
        }
        return left;
    }

    private Piece relational() throws ExpressionException {
        Piece left = additive();
        if (isRelational(peek())) {
            left = binary(left, next().text(), additive(), true);
            if (isRelational(peek())) {
                throw new ExpressionException("comparisons cannot be chained: join them with &&", peek().column());
            }
        }
        return left;
    }

    private static boolean isRelational(Token token) {
        return token.is("<") || token.is("<=") || token.is(">") || token.is(">=");
    }

    private Piece additive() throws ExpressionException {
        Piece left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            String operator = next().text();
            left = binary(left, operator, multiplicative(), false);
        }
        return left;
    }

    private Piece multiplicative() throws ExpressionException {
        Piece left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            String operator = next().text();
            left = binary(left, operator, unary(), false);
        }
        return left;
    }

    private Piece unary() throws ExpressionException {
        Token sign = peek();
        if (!sign.is("!") && !sign.is("-")) {
            return primary();
        }
        enter();
        next();
        Piece operand = unary();
        depth--;
        return sign.is("!") ? piece("(!" + truth(operand) + ")", true, sign.column()) : negate(operand, sign.column());
    }

    /** A negative literal stays a constant; anything else is subtracted from zero. */
    private Piece negate(Piece operand, int column) throws ExpressionException {
        if (operand.constant() != null && constants.get(operand.constant()) instanceof Number number) {
            constants.set(operand.constant(), negative(number));
            return operand;
        }
        return piece("(0 - " + operand.mvel() + ")", false, column);
    }

    /** Literals are never negative when read, so 2147483648 (a Long) may become Integer.MIN_VALUE. */
    private static Number negative(Number number) {
        BigDecimal negated = number instanceof BigDecimal d ? d.negate() : BigDecimal.valueOf(number.longValue()).negate();
        if (number instanceof BigDecimal) {
            return negated;
        }
        try {
            return negated.intValueExact();
        } catch (ArithmeticException notAnInt) {
            return negated.longValue();
        }
    }

    private Piece primary() throws ExpressionException {
        Token token = next();
        switch (token.kind()) {
            case NUMBER, STRING -> {
                return finished(constant(token.value(), token.column()));
            }
            case IDENT -> {
                return name(token);
            }
            case END -> throw new ExpressionException("the expression is incomplete", token.column());
            default -> {
                if (!token.is("(")) {
                    throw unexpected(token);
                }
                Piece inner = expression();
                expect(")");
                return finished(piece("(" + inner.mvel() + ")", inner.bool(), token.column()));
            }
        }
    }

    private Piece name(Token token) throws ExpressionException {
        switch (token.text()) {
            case "true", "false" -> {
                return finished(piece(token.text(), true, token.column()));
            }
            case "null" -> {
                return finished(piece("null", false, token.column()));
            }
            default -> {
                if (roots.contains(token.text())) {
                    return path(token);
                }
                Helper helper = Helper.named(token.text()).orElseThrow(() -> unknownName(token));
                return finished(call(token, helper));
            }
        }
    }

    private Piece path(Token root) throws ExpressionException {
        List<Object> segments = new ArrayList<>(List.of(root.text()));
        Token last = root;
        while (peek().is(".") || peek().is("[")) {
            last = next().is(".") ? key(segments) : index(segments);
        }
        if (peek().is("(")) {
            throw new ExpressionException("`" + last.text() + "(...)` is not allowed: methods cannot be called on facts;"
                    + " the callable helpers are " + HELPERS, last.column());
        }
        return piece(variableFor(segments), false, root.column());
    }

    private Token key(List<Object> segments) throws ExpressionException {
        Token key = next();
        if (key.kind() == Kind.NUMBER) {
            throw new ExpressionException("`." + key.text() + "` is not a key: write [" + key.text() + "] for an index", key.column());
        }
        if (key.kind() != Kind.IDENT) {
            throw new ExpressionException("expected a key name after `.`", key.column());
        }
        segments.add(key.text());
        return key;
    }

    private Token index(List<Object> segments) throws ExpressionException {
        Token key = next();
        boolean wholeNumber = key.value() instanceof Integer index && index >= 0;
        if (key.kind() != Kind.STRING && !wholeNumber) {
            throw new ExpressionException("`[` must hold a quoted key or a whole number, like ['black-friday'] or [0]", key.column());
        }
        segments.add(key.value());
        expect("]");
        return key;
    }

    private String variableFor(List<Object> segments) {
        return pathVariable(paths.computeIfAbsent(List.copyOf(segments), k -> paths.size()));
    }

    private Piece call(Token name, Helper helper) throws ExpressionException {
        if (!accept("(")) {
            throw new ExpressionException("`" + name.text() + "` is a helper: call it as " + name.text() + "(...)", name.column());
        }
        List<Piece> arguments = arguments();
        if (arguments.size() != helper.params().size()) {
            throw new ExpressionException("`" + name.text() + "` takes " + helper.params().size() + " argument(s), not "
                    + arguments.size(), name.column());
        }
        List<String> mvel = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            mvel.add(checkLiteral(helper.params().get(i), arguments.get(i)).mvel());
        }
        if (helper.takesNow()) {
            mvel.add(variableFor(List.of(Helper.NOW)));
        }
        return piece(helper.mvelName() + "(" + String.join(", ", mvel) + ")", helper.returnsBoolean(), name.column());
    }

    private List<Piece> arguments() throws ExpressionException {
        List<Piece> arguments = new ArrayList<>();
        if (accept(")")) {
            return arguments;
        }
        do {
            arguments.add(expression());
        } while (accept(","));
        expect(")");
        return arguments;
    }

    /**
     * A literal time, duration or pattern is parsed once here, so a typo fails at load, not per event.
     * A pattern must be such a literal: a regular expression from event data could take any time.
     */
    private Piece checkLiteral(Param param, Piece argument) throws ExpressionException {
        if (param == Param.REGEX && argument.constant() == null) {
            throw new ExpressionException("the pattern of `matches` must be quoted text written in the rule, like"
                    + " '[a-z]+': a pattern is never taken from a fact or computed", argument.column());
        }
        if (argument.constant() == null || param == Param.ANY) {
            return argument;
        }
        Object literal = constants.get(argument.constant());
        Object parsed = switch (param) {
            case TIME -> Helpers.instant(literal);
            case DURATION -> Helpers.duration(literal);
            default -> Helpers.pattern(literal);
        };
        if (parsed == null) {
            throw new ExpressionException(literalProblem(param, literal), argument.column());
        }
        constants.set(argument.constant(), parsed);
        return argument;
    }

    private static String literalProblem(Param param, Object literal) {
        String shown = literal instanceof String text ? "'" + text + "'" : String.valueOf(literal);
        return switch (param) {
            case TIME -> "`" + shown + "` is not a time: write ISO-8601 with an offset, like '2026-11-27T00:00:00Z'";
            case DURATION -> "`" + shown + "` is not a duration: write ISO-8601, like 'PT24H' or 'P1D'";
            default -> "`" + shown + "` is not a regular expression: " + regexProblem(literal);
        };
    }

    private static String regexProblem(Object literal) {
        try {
            Pattern.compile(String.valueOf(literal));
            return "it must be text";
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }

    private ExpressionException unknownName(Token token) {
        StringBuilder name = new StringBuilder(token.text());
        for (int i = at; tokens.get(i).is(".") && tokens.get(i + 1).kind() == Kind.IDENT; i += 2) {
            name.append('.').append(tokens.get(i + 1).text());
        }
        return new ExpressionException("`" + name + "` is not allowed: name a fact (" + String.join(", ", new TreeSet<>(roots))
                + ") or call a helper (" + HELPERS + ")", token.column());
    }

    /** After a literal, a bracketed expression or a helper call, no key, index or call may follow. */
    private Piece finished(Piece piece) throws ExpressionException {
        Token following = peek();
        if (following.is(".") || following.is("[")) {
            throw new ExpressionException("`" + following.text() + "` can only follow a fact: only facts have keys",
                    following.column());
        }
        if (following.is("(")) {
            throw new ExpressionException("`(` can only follow a helper name", following.column());
        }
        return piece;
    }

    private Piece constant(Object value, int column) {
        constants.add(value);
        return new Piece(constantVariable(constants.size() - 1), false, constants.size() - 1, column);
    }

    private static Piece piece(String mvel, boolean bool, int column) throws ExpressionException {
        if (nesting(mvel) > MAX_NESTING) {
            throw new ExpressionException("the expression is too complex: over " + MAX_NESTING + " operations inside one"
                    + " another (each operator of a chain such as a || b || c counts one); split it into several rules", column);
        }
        return new Piece(mvel, bool, null, column);
    }

    private static int nesting(String mvel) {
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < mvel.length(); i++) {
            depth += mvel.charAt(i) == '(' ? 1 : mvel.charAt(i) == ')' ? -1 : 0;
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }

    private static Piece binary(Piece left, String operator, Piece right, boolean bool) throws ExpressionException {
        return piece("(" + left.mvel() + " " + operator + " " + right.mvel() + ")", bool, left.column());
    }

    private static Piece logical(Piece left, String operator, Piece right) throws ExpressionException {
        return piece("(" + truth(left) + " " + operator + " " + truth(right) + ")", true, left.column());
    }

    /** MVEL throws a NullPointerException for `null && x`: non-boolean operands go through Helpers.truth. */
    private static String truth(Piece piece) {
        return piece.bool() ? piece.mvel() : Helper.MVEL_PREFIX + "truth(" + piece.mvel() + ")";
    }

    private void enter() throws ExpressionException {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException("the expression nests too deeply (over " + MAX_DEPTH + " levels)", peek().column());
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token token = tokens.get(at);
        return token.kind() == Kind.END ? token : tokens.get(at++);
    }

    private boolean accept(String operator) {
        if (peek().is(operator)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String operator) throws ExpressionException {
        Token token = next();
        if (!token.is(operator)) {
            throw new ExpressionException(token.kind() == Kind.END ? "missing `" + operator + "` at the end"
                    : "expected `" + operator + "` but found `" + token.text() + "`", token.column());
        }
    }

    private static ExpressionException unexpected(Token token) {
        String reason = token.kind() == Kind.END ? "the expression is incomplete" : "unexpected `" + token.text() + "`";
        return new ExpressionException(reason, token.column());
    }
}
