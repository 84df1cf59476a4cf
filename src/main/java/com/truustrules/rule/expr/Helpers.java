package com.truustrules.rule.expr;

import com.truustrules.common.MailAddress;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The functions rule expressions may call. MVEL invokes them reflectively (hence the
 * registration for native images); every parameter is {@code Object} so MVEL never coerces or
 * casts arguments, and every function answers false or null for null or unusable input
 * instead of throwing, so a missing fact cannot break a rule.
 *
 * <p>Two things do throw, because webhook data is hostile: a text longer than {@link #MAX_TEXT}
 * (the rule's ERROR for that event; cutting it would change what the rule means), and the
 * evaluation's {@link Deadline} passing, which every helper checks and a regular expression checks
 * while it reads.
 */
@RegisterForReflection
public final class Helpers {

    /** Above this, an epoch number is read as milliseconds (1e11 s is the year 5138). */
    private static final BigDecimal EPOCH_MILLIS_FROM = new BigDecimal("1e11");
    /** Longest text parsed as a time or a number; longer input is not a time or a number. */
    private static final int MAX_PARSED_LENGTH = 64;
    /** Bounds on parsed decimals: `1e999999999` would make the next addition allocate gigabytes. */
    private static final int MAX_DECIMAL_DIGITS = 64;
    /**
     * Longest text a helper reads (a text fact, or a number written out). Webhook bodies are
     * bounded, but a 255 KB name made one `matches` run for seconds; no real name, e-mail or id
     * comes near this.
     */
    public static final int MAX_TEXT = 65_536;
    private static final BigDecimal NANOS_PER_HOUR = BigDecimal.valueOf(3_600_000_000_000L);

    private Helpers() {
    }

    /** True when start ≤ t < start + duration (an ISO-8601 duration such as 'PT24H' or 'P1D'). */
    public static boolean within(Object t, Object start, Object duration) {
        Deadline.current().check();
        Instant at = instant(t);
        Instant from = instant(start);
        Duration length = duration(duration);
        return at != null && from != null && length != null
                && !at.isBefore(from) && Duration.between(from, at).compareTo(length) < 0;
    }

    /** True when from ≤ t < until. */
    public static boolean between(Object t, Object from, Object until) {
        Deadline.current().check();
        Instant at = instant(t);
        Instant start = instant(from);
        Instant end = instant(until);
        return at != null && start != null && end != null && !at.isBefore(start) && at.isBefore(end);
    }

    /**
     * Hours from t to now, with fractions (negative when t is later than now). The expression
     * compiler appends the evaluation's {@code now} fact as the second argument: a rule writes
     * {@code hoursSince(t)}, and the answer depends only on the facts, never on the wall clock.
     */
    public static BigDecimal hoursSince(Object t, Object now) {
        Deadline.current().check();
        Instant at = instant(t);
        Instant until = instant(now);
        if (at == null || until == null) {
            return null;
        }
        Duration elapsed = Duration.between(at, until);
        BigDecimal nanos = BigDecimal.valueOf(elapsed.getSeconds()).movePointRight(9).add(BigDecimal.valueOf(elapsed.getNano()));
        BigDecimal hours = nanos.divide(NANOS_PER_HOUR, 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return hours.scale() < 0 ? hours.setScale(0) : hours;
    }

    /**
     * True when the whole text matches the pattern. The pattern is always compiled from the rule's
     * own text at load (the compiler refuses any other argument): a value from an event never
     * becomes a regular expression. Matching stops with the evaluation's deadline.
     */
    public static boolean matches(Object s, Object regex) {
        Deadline deadline = Deadline.current();
        deadline.check();
        if (!(regex instanceof Pattern pattern)) {
            throw new IllegalArgumentException("matches takes a pattern written in the rule, not " + describe(regex));
        }
        String text = text(s);
        try {
            return text != null && pattern.matcher(deadline.guard(text)).matches();
        } catch (StackOverflowError e) {
            // java.util.regex recurses per repetition of a group: (a|b)* over a long text overflows.
            throw new IllegalArgumentException("the pattern is too deep for a text of " + text.length()
                    + " characters: java.util.regex ran out of stack (write a repeated group as a character class)");
        }
    }

    /** Lower-case text (Locale.ROOT), or null when s is not text, a number or a boolean. */
    public static String lower(Object s) {
        Deadline.current().check();
        String text = text(s);
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /**
     * The address of a text that is exactly one plain e-mail address, trimmed and lower-cased, so that
     * {@code once-per: email(escrow.metadata.buyer_email)} keys one buyer however the address is typed;
     * null for anything else (a list, a name, a group, a line break...), which no mail could be sent to.
     */
    public static String email(Object s) {
        return s instanceof CharSequence text ? MailAddress.normalised(text.toString()) : null;
    }

    /** A number or numeric text as BigDecimal; null for anything else. */
    public static BigDecimal decimal(Object x) {
        Deadline.current().check();
        BigDecimal value = toDecimal(x);
        return value != null && value.precision() <= MAX_DECIMAL_DIGITS && Math.abs(value.scale()) <= MAX_DECIMAL_DIGITS
                ? value : null;
    }

    /**
     * A time as Instant: an Instant, an offset or zoned date-time, ISO-8601 text with an offset
     * ('2026-11-27T00:00:00Z', '2026-11-27T01:00:00+01:00'), or epoch seconds / milliseconds.
     * Text without an offset is null: its instant would depend on the server's time zone.
     */
    public static Instant instant(Object x) {
        if (x instanceof Instant at) {
            return at;
        }
        if (x instanceof TemporalAccessor || x instanceof Date) {
            return fromTemporal(x);
        }
        if (x instanceof Number) {
            return fromEpoch(decimal(x));
        }
        return x instanceof CharSequence text ? fromText(text.toString().trim()) : null;
    }

    /** True when text contains the other text, a list contains the value, or a map has the key. */
    public static boolean contains(Object container, Object value) {
        Deadline.current().check();
        if (value == null) {
            return false;
        }
        if (container instanceof Collection<?> items) {
            return items.stream().anyMatch(item -> same(item, value));
        }
        if (container instanceof Map<?, ?> map) {
            return map.containsKey(String.valueOf(value));
        }
        String text = text(container);
        String part = text(value);
        return text != null && part != null && text.contains(part);
    }

    /** True when the text starts with the prefix. */
    public static boolean startsWith(Object s, Object prefix) {
        Deadline.current().check();
        String text = text(s);
        String start = text(prefix);
        return text != null && start != null && text.startsWith(start);
    }

    /** Length of a text, number of items of a list or map, 0 for null, null for anything else. */
    public static Integer size(Object x) {
        Deadline.current().check();
        if (x == null) {
            return 0;
        }
        if (x instanceof CharSequence text) {
            return text.length();
        }
        if (x instanceof Collection<?> items) {
            return items.size();
        }
        return x instanceof Map<?, ?> map ? map.size() : null;
    }

    /**
     * The first value unless it is missing (null, or text of only spaces), else the second: a fact
     * from Truust with a fallback in the webhook, {@code coalesce(buyer.email, escrow.metadata.buyer_email)},
     * which reads the same with and without an API key.
     */
    public static Object coalesce(Object first, Object otherwise) {
        Deadline.current().check();
        return first == null || first instanceof CharSequence text && text.toString().isBlank() ? otherwise : first;
    }

    /**
     * Operand of &&, || and ! and of a ternary condition (inserted by the compiler, not callable
     * from rules): a missing fact is false, but a non-boolean value is a mistake worth reporting.
     */
    public static boolean truth(Object x) {
        Deadline.current().check();
        if (x == null) {
            return false;
        }
        if (x instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected true or false but found " + describe(x));
    }

    /**
     * Calls every helper once on typical input, so that the classes they use (time parsing, regex,
     * decimals) are loaded before the first evaluation, whose deadline would otherwise pay for it.
     */
    static void warmUp() {
        Instant start = Instant.parse("2026-11-27T00:00:00Z");
        within("2026-11-27T01:00:00+01:00", start, "PT24H");
        between(1_764_201_600_000L, "2026-11-27T00:00:00[Europe/Madrid]", start);
        hoursSince(OffsetDateTime.parse("2026-11-27T10:00:00+01:00"), start);
        matches(lower("Warm-Up@Example.com"), Pattern.compile(".+@example\\.com"));
        contains(java.util.List.of(decimal("12.50"), 1), 1);
        contains(Map.of("k", 1), "k");
        startsWith(BigDecimal.ONE, instant(1_764_201_600L).toString());
        truth(size("x") == 1);
        coalesce(null, "x");
    }

    /** An ISO-8601 duration (text or Duration), or null. */
    static Duration duration(Object x) {
        if (x instanceof Duration d) {
            return d;
        }
        if (!(x instanceof CharSequence text) || text.length() > MAX_PARSED_LENGTH) {
            return null;
        }
        try {
            return Duration.parse(text.toString().trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A regular expression (text or Pattern), or null when it does not compile; compile time only. */
    static Pattern pattern(Object regex) {
        if (regex instanceof Pattern p) {
            return p;
        }
        if (!(regex instanceof CharSequence text)) {
            return null;
        }
        try {
            return Pattern.compile(text.toString());
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** A short description of a value for error messages: its kind and a bounded rendering. */
    static String describe(Object x) {
        if (x == null) {
            return "null";
        }
        String shown = String.valueOf(x);
        shown = shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
        String kind = x instanceof Map ? "Map" : x instanceof Collection ? "List" : x.getClass().getSimpleName();
        return kind + " `" + shown + "`";
    }

    /** Text, a boolean or a whole or decimal number as text; null for anything else; too long is an error. */
    private static String text(Object x) {
        if (x instanceof CharSequence text) {
            return bounded(text.length(), text).toString();
        }
        if (x instanceof Boolean || x instanceof Integer || x instanceof Long) {
            return x.toString();
        }
        if (x instanceof BigDecimal d) {
            // Measured before it is written: 1e999999999 written out is a gigabyte of zeros.
            long digits = (long) d.precision() + Math.abs((long) d.scale());
            return bounded(digits, d).toPlainString();
        }
        return null;
    }

    private static <T> T bounded(long length, T text) {
        if (length > MAX_TEXT) {
            throw new IllegalArgumentException("a text of " + (text instanceof CharSequence ? length + " characters"
                    : "over " + MAX_TEXT + " digits") + " is longer than the " + MAX_TEXT + " a helper reads");
        }
        return text;
    }

    private static boolean same(Object item, Object value) {
        BigDecimal left = toDecimal(item instanceof Number ? item : null);
        BigDecimal right = toDecimal(value instanceof Number ? value : null);
        return left != null && right != null ? left.compareTo(right) == 0 : value.equals(item);
    }

    private static BigDecimal toDecimal(Object x) {
        if (x instanceof BigDecimal d) {
            return d;
        }
        if (x instanceof Integer || x instanceof Long || x instanceof Short || x instanceof Byte) {
            return BigDecimal.valueOf(((Number) x).longValue());
        }
        if (x instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (x instanceof Double || x instanceof Float) {
            double d = ((Number) x).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return x instanceof CharSequence text ? parseDecimal(text.toString().trim()) : null;
    }

    private static BigDecimal parseDecimal(String text) {
        if (text.isEmpty() || text.length() > MAX_PARSED_LENGTH) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant fromTemporal(Object x) {
        try {
            return x instanceof Date date ? date.toInstant() : Instant.from((TemporalAccessor) x);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant fromEpoch(BigDecimal epoch) {
        if (epoch == null) {
            return null;
        }
        BigDecimal seconds = epoch.abs().compareTo(EPOCH_MILLIS_FROM) >= 0 ? epoch.movePointLeft(3) : epoch;
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        try {
            return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValue());
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    private static Instant fromText(String text) {
        if (text.isEmpty() || text.length() > MAX_PARSED_LENGTH) {
            return null;
        }
        BigDecimal epoch = parseDecimal(text);
        if (epoch != null) {
            return fromEpoch(decimal(epoch));
        }
        try {
            return text.endsWith("]") ? ZonedDateTime.parse(text).toInstant() : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
