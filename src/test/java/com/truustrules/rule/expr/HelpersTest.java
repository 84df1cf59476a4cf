package com.truustrules.rule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The helper functions on their own: edges of time windows, conversions, and null input. */
class HelpersTest {

    private static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(24));

    @Test
    void withinIncludesTheStartAndExcludesStartPlusDuration() {
        assertTrue(Helpers.within(START, START, "PT24H"));
        assertTrue(Helpers.within(END.minusNanos(1), START, "PT24H"));
        assertTrue(Helpers.within(END.minusMillis(1), START, "PT24H"));
        assertFalse(Helpers.within(END, START, "PT24H"));
        assertFalse(Helpers.within(START.minusNanos(1), START, "PT24H"));
        assertFalse(Helpers.within(START.minusMillis(1), START, "PT24H"));
    }

    @Test
    void withinAcceptsEveryTimeFormAndDurationForm() {
        String isoStart = "2026-11-27T01:00:00+01:00";
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 27, 23, 59, 59, 0, ZoneOffset.UTC);
        assertTrue(Helpers.within(t, isoStart, "P1D"));
        assertTrue(Helpers.within("2026-11-27T12:00:00Z", START, Duration.ofHours(13)));
        assertTrue(Helpers.within(START.getEpochSecond(), START, "PT1S"));
        assertTrue(Helpers.within(START.toEpochMilli(), START, "PT1S"));
        assertFalse(Helpers.within("2026-11-28T00:00:00Z", isoStart, "P1D"));
    }

    @Test
    void withinIsFalseForNullOrUnusableInput() {
        assertFalse(Helpers.within(null, START, "PT24H"));
        assertFalse(Helpers.within(START, null, "PT24H"));
        assertFalse(Helpers.within(START, START, null));
        assertFalse(Helpers.within(START, START, "24 hours"));
        assertFalse(Helpers.within("yesterday", START, "PT24H"));
        assertFalse(Helpers.within(START, START, "-PT1H"));
    }

    @Test
    void betweenIsHalfOpen() {
        assertTrue(Helpers.between(START, START, END));
        assertTrue(Helpers.between(END.minusNanos(1), START.toString(), END.toString()));
        assertFalse(Helpers.between(END, START, END));
        assertFalse(Helpers.between(START.minusNanos(1), START, END));
        assertFalse(Helpers.between(START, null, END));
        assertFalse(Helpers.between(START, START, null));
    }

    @Test
    void hoursSinceMeasuresToTheGivenNow() {
        assertEquals(new BigDecimal("24"), Helpers.hoursSince(START, END));
        assertEquals(new BigDecimal("1.5"), Helpers.hoursSince("2026-11-27T00:00:00Z", START.plusSeconds(5400)));
        assertEquals(new BigDecimal("-2"), Helpers.hoursSince(START.plusSeconds(7200), START));
        assertEquals(new BigDecimal("0.000278"), Helpers.hoursSince(START, START.plusSeconds(1)));
        assertNull(Helpers.hoursSince(null, END));
        assertNull(Helpers.hoursSince(START, null));
    }

    @Test
    void matchesTheWholeText() {
        assertTrue(Helpers.matches("buyer@example.com", Pattern.compile(".+@example\\.com")));
        assertTrue(Helpers.matches("ORD-123", Pattern.compile("ORD-\\d+")));
        assertFalse(Helpers.matches("xbuyer@example.com.evil", Pattern.compile(".+@example\\.com")));
        assertTrue(Helpers.matches(1234, Pattern.compile("\\d{4}")));
        assertFalse(Helpers.matches(null, Pattern.compile(".*")));
        assertFalse(Helpers.matches(Map.of(), Pattern.compile(".*")));
    }

    @Test
    void matchesTakesOnlyAPatternCompiledFromTheRule() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> Helpers.matches("x", ".*"));
        assertEquals("matches takes a pattern written in the rule, not String `.*`", text.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Helpers.matches("x", null));
    }

    @Test
    void coalesceGivesTheFirstPresentValue() {
        assertEquals("a", Helpers.coalesce("a", "b"));
        assertEquals("b", Helpers.coalesce(null, "b"));
        assertEquals("b", Helpers.coalesce("  ", "b"));
        assertEquals(0, Helpers.coalesce(0, 1), "0 and false are values, not missing ones");
        assertEquals(false, Helpers.coalesce(false, true));
        assertNull(Helpers.coalesce(null, null));
        assertEquals(List.of(), Helpers.coalesce(List.of(), "x"));
    }

    @Test
    void lowerTurnsScalarsToLowerCaseAndIgnoresContainers() {
        assertEquals("cancelled", Helpers.lower("CANCELLED"));
        assertEquals("true", Helpers.lower(true));
        assertNull(Helpers.lower(null));
        assertNull(Helpers.lower(List.of("A")));
    }

    @Test
    void decimalReadsNumbersAndNumericText() {
        assertEquals(0, new BigDecimal("12.5").compareTo(Helpers.decimal("12.50")));
        assertEquals(new BigDecimal("1000"), Helpers.decimal(1000));
        assertEquals(new BigDecimal("10000000000"), Helpers.decimal(10_000_000_000L));
        assertEquals(new BigDecimal("99.99"), Helpers.decimal(new BigDecimal("99.99")));
        assertEquals(new BigDecimal("-3"), Helpers.decimal(" -3 "));
        assertEquals(new BigDecimal("0.1"), Helpers.decimal(0.1d));
        assertNull(Helpers.decimal("12,50"));
        assertNull(Helpers.decimal("abc"));
        assertNull(Helpers.decimal(""));
        assertNull(Helpers.decimal(null));
        assertNull(Helpers.decimal(true));
        assertNull(Helpers.decimal(Double.NaN));
    }

    @Test
    void decimalRefusesHugeExponentsThatWouldMakeArithmeticExplode() {
        assertNull(Helpers.decimal("1e999999999"));
        assertNull(Helpers.decimal("1".repeat(65)));
    }

    @Test
    void instantReadsTextOffsetsZonesAndEpochs() {
        assertEquals(START, Helpers.instant("2026-11-27T00:00:00Z"));
        assertEquals(START, Helpers.instant("2026-11-27T01:00:00+01:00"));
        assertEquals(START, Helpers.instant("2026-11-27T01:00:00+01:00[Europe/Madrid]"));
        assertEquals(START, Helpers.instant(OffsetDateTime.parse("2026-11-26T19:00:00-05:00")));
        assertEquals(START, Helpers.instant(ZonedDateTime.ofInstant(START, ZoneId.of("Asia/Tokyo"))));
        assertEquals(START, Helpers.instant(START.getEpochSecond()));
        assertEquals(START, Helpers.instant(START.toEpochMilli()));
        assertEquals(START, Helpers.instant(String.valueOf(START.getEpochSecond())));
        assertEquals(START.plusMillis(500), Helpers.instant(new BigDecimal(START.getEpochSecond() + ".5")));
    }

    @Test
    void instantIsNullWithoutAnOffsetOrForGarbage() {
        assertNull(Helpers.instant("2026-11-27T00:00:00"));
        assertNull(Helpers.instant("2026-11-27"));
        assertNull(Helpers.instant("2026-13-01T00:00:00Z"));
        assertNull(Helpers.instant("soon"));
        assertNull(Helpers.instant(null));
        assertNull(Helpers.instant(List.of()));
        assertNull(Helpers.instant(new BigDecimal("1e40")));
    }

    @Test
    void containsLooksIntoTextListsAndMapKeys() {
        assertTrue(Helpers.contains("order-cancelled", "cancel"));
        assertTrue(Helpers.contains(List.of("gold", "silver"), "gold"));
        assertTrue(Helpers.contains(List.of(1, 2), new BigDecimal("2.0")));
        assertTrue(Helpers.contains(Map.of("vip", true), "vip"));
        assertFalse(Helpers.contains(List.of("gold"), "bronze"));
        assertFalse(Helpers.contains(null, "x"));
        assertFalse(Helpers.contains("x", null));
    }

    @Test
    void startsWithAndSize() {
        assertTrue(Helpers.startsWith("ORD-1", "ORD-"));
        assertFalse(Helpers.startsWith("ORD-1", null));
        assertEquals(3, Helpers.size("abc"));
        assertEquals(2, Helpers.size(List.of(1, 2)));
        assertEquals(1, Helpers.size(Map.of("a", 1)));
        assertEquals(0, Helpers.size(null));
        assertNull(Helpers.size(42));
    }

    @Test
    void truthTreatsNullAsFalseButRejectsOtherValues() {
        assertTrue(Helpers.truth(true));
        assertFalse(Helpers.truth(null));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Helpers.truth("yes"));
        assertEquals("expected true or false but found String `yes`", error.getMessage());
    }
}
