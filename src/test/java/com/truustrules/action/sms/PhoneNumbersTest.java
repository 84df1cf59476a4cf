package com.truustrules.action.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+34612345678|+34612345678",
        "+34 612 34 56 78|+34612345678",
        "0034-612.345.678|+34612345678",
        "+1 (415) 555-2671|+14155552671",
        " +44 7700 900123 |+447700900123"})
    void writtenFormsBecomeE164(String written, String e164) {
        assertEquals(e164, PhoneNumbers.e164(written, Optional.empty()));
    }

    @Test
    void aNationalNumberTakesTheDefaultPrefixInAnyOfItsForms() {
        assertEquals("+34612345678", PhoneNumbers.e164("612 345 678", Optional.of("+34")));
        assertEquals("+34612345678", PhoneNumbers.e164("612345678", Optional.of("34")));
        assertEquals("+34612345678", PhoneNumbers.e164("612345678", Optional.of("0034")));
    }

    @Test
    void withoutACountryCodeOrDefaultTheNumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.e164("612345678", Optional.empty()));
        assertEquals("'612345678' has no country code (such as +34); write it with one or set TRUUST_SMS_DEFAULT_PREFIX", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+34", "+0612345678", "+34612345678901234", "+34 612 ABC", "+34612345678,+34699999999", "+34\n612345678x", ""})
    void whatIsNotANumberIsRefused(String written) {
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.e164(written, Optional.empty()));
    }

    @Test
    void aBadDefaultPrefixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.e164("612345678", Optional.of("+0")));
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.e164("612345678", Optional.of("spain")));
    }
}
