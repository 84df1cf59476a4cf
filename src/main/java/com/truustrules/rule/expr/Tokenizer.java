package com.truustrules.rule.expr;

import com.truustrules.rule.expr.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a rule expression into tokens. Anything that is not an identifier, a number, a quoted
 * string or one of the allowed operators becomes a REFUSED token, so the caller can report the
 * leftmost offence (a refused character or a refused word) with one message.
 */
final class Tokenizer {

    private static final Set<String> OPERATORS_2 = Set.of("==", "!=", "<=", ">=", "&&", "||");
    private static final String OPERATORS_1 = "<>!+-*/%?:()[],.";
    /** Two-character sequences refused as a whole, so `+=` is not reported as a stray `=`. */
    private static final Set<String> REFUSED_2 = Set.of("+=", "-=", "*=", "/=", "%=", "++", "--", "<<", ">>");
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("=", " (assignment); compare with `==`"),
            Map.entry("+=", " (assignment)"), Map.entry("-=", " (assignment)"), Map.entry("*=", " (assignment)"),
            Map.entry("/=", " (assignment)"), Map.entry("%=", " (assignment)"),
            Map.entry("++", " (increment)"), Map.entry("--", " (decrement)"),
            Map.entry(";", ": one expression only, no statements"),
            Map.entry("{", ": no blocks or inline code"), Map.entry("}", ": no blocks or inline code"),
            Map.entry("@", ": no interceptors"));

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Tokenizer(String src) {
        this.src = src;
    }

    /** Tokens ending with END; fails only for a string that cannot be read (unterminated, bad escape). */
    static List<Token> tokenize(String src) throws ExpressionException {
        Tokenizer tokenizer = new Tokenizer(src);
        tokenizer.run();
        return tokenizer.tokens;
    }

    /** Why a refused token is refused, appended to "`x` is not allowed". */
    private static String reason(String text) {
        return REASONS.getOrDefault(text, "");
    }

    private void run() throws ExpressionException {
        while (skipSpace()) {
            char c = src.charAt(pos);
            if (isIdentStart(c)) {
                identifier();
            } else if (isDigit(c)) {
                number();
            } else if (c == '\'' || c == '"') {
                string(c);
            } else {
                operator();
            }
        }
        tokens.add(new Token(Kind.END, "", null, src.length() + 1));
    }

    private boolean skipSpace() {
        while (pos < src.length() && " \t\r\n".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        return pos < src.length();
    }

    private void identifier() {
        int start = pos;
        skipIdentPart();
        add(Kind.IDENT, start, null);
    }

    private void skipIdentPart() {
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
            pos++;
        }
    }

    /** Plain decimals only: no exponent, hex or type suffix (MVEL would read `10L`, `1B`, `0x1F`). */
    private void number() {
        int start = pos;
        digits();
        boolean fraction = pos + 1 < src.length() && src.charAt(pos) == '.' && isDigit(src.charAt(pos + 1));
        if (fraction) {
            pos++;
            digits();
        }
        if (pos < src.length() && isIdentPart(src.charAt(pos))) {
            skipIdentPart();
            String text = src.substring(start, pos);
            tokens.add(new Token(Kind.REFUSED, text, ": write numbers as plain decimals like 12.50", start + 1));
            return;
        }
        add(Kind.NUMBER, start, numberValue(src.substring(start, pos), fraction));
    }

    private static Object numberValue(String text, boolean fraction) {
        BigDecimal value = new BigDecimal(text);
        if (fraction) {
            return value;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException tooBigForInt) {
            try {
                return value.longValueExact();
            } catch (ArithmeticException tooBigForLong) {
                return value;
            }
        }
    }

    private void digits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
    }

    private void string(char quote) throws ExpressionException {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == quote) {
                add(Kind.STRING, start, value.toString());
                return;
            }
            value.append(c == '\\' ? escape(start) : c);
        }
        throw new ExpressionException("unterminated string: add the closing " + quote, start + 1);
    }

    private char escape(int stringStart) throws ExpressionException {
        if (pos >= src.length()) {
            throw new ExpressionException("unterminated string: add the closing quote", stringStart + 1);
        }
        char c = src.charAt(pos++);
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '\\', '\'', '"' -> c;
            case 'u' -> unicodeEscape();
            default -> throw new ExpressionException("unknown escape `\\" + c + "` in a string", pos - 1);
        };
    }

    private char unicodeEscape() throws ExpressionException {
        int start = pos - 2;
        if (pos + 4 > src.length() || !src.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
            throw new ExpressionException("`\\u` must be followed by four hex digits", start + 1);
        }
        pos += 4;
        return (char) Integer.parseInt(src.substring(pos - 4, pos), 16);
    }

    private void operator() {
        int start = pos;
        String two = src.length() >= pos + 2 ? src.substring(pos, pos + 2) : "";
        if (OPERATORS_2.contains(two) || REFUSED_2.contains(two)) {
            pos += 2;
            add(OPERATORS_2.contains(two) ? Kind.OP : Kind.REFUSED, start, null);
        } else if (OPERATORS_1.indexOf(src.charAt(pos)) >= 0) {
            pos++;
            add(Kind.OP, start, null);
        } else {
            pos += Character.charCount(src.codePointAt(pos));
            add(Kind.REFUSED, start, null);
        }
    }

    private void add(Kind kind, int start, Object value) {
        String text = src.substring(start, pos);
        Object stored = kind == Kind.REFUSED ? reason(text) : value;
        tokens.add(new Token(kind, text, stored, start + 1));
    }

    private static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
