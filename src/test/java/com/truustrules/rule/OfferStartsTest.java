package com.truustrules.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.rule.expr.Budget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** truust.rules.offer-starts: dev mode opens the sample offer at startup, so the quick start's promo fires any day. */
class OfferStartsTest {

    private static final Instant STARTUP = Instant.parse("2031-03-14T09:26:53Z");

    @TempDir
    Path dir;

    private LoadResult load(Map<String, String> starts) {
        new RuleFolder(dir).write("offers.yaml", "offers:\n  black-friday:\n    start: 2026-11-27T00:00:00Z\n"
                + "    end: 2026-12-01T00:00:00Z\n");
        return new RuleLoader(dir, Clock.fixed(STARTUP, ZoneOffset.UTC), Budget.DEFAULT, starts).load();
    }

    @Test
    void startupMovesTheWindowToWhenTheServiceStartedKeepingItsLength() {
        LoadResult result = load(Map.of("black-friday", "startup"));
        Offer offer = result.ruleSet().offers().get("black-friday");
        assertEquals(STARTUP, offer.start());
        assertEquals(STARTUP.plus(java.time.Duration.ofDays(4)), offer.end());
        assertEquals("offers.yaml:1 offer 'black-friday' runs from 2031-03-14T09:26:53Z to 2031-03-18T09:26:53Z, not from "
                + "2026-11-27T00:00:00Z: moved by the setting truust.rules.offer-starts.black-friday",
                result.warnings().get(0).toString());
    }

    @Test
    void anInstantMovesItThere() {
        Offer offer = load(Map.of("black-friday", "2027-01-02T03:04:05+01:00")).ruleSet().offers().get("black-friday");
        assertEquals(Instant.parse("2027-01-02T02:04:05Z"), offer.start());
    }

    @Test
    void withoutTheSettingTheFileIsTheTruth() {
        LoadResult result = load(Map.of());
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), result.ruleSet().offers().get("black-friday").start());
        assertTrue(result.warnings().isEmpty());
    }

    @Test
    void aBadValueIsALoadErrorNamingTheSetting() {
        LoadResult result = load(Map.of("black-friday", "tomorrow"));
        assertFalse(result.valid());
        assertEquals("the setting truust.rules.offer-starts.black-friday is 'tomorrow', not 'startup' or a time such as "
                + "2026-11-27T00:00:00Z", result.errors().get(0).message());
    }

    @Test
    void anUnknownOfferIsAWarningNotAFailedLoad() {
        LoadResult result = load(Map.of("cyber-monday", "startup"));
        assertTrue(result.valid());
        assertEquals("the setting truust.rules.offer-starts.cyber-monday names an offer that offers.yaml does not have",
                result.warnings().get(0).message());
    }
}
