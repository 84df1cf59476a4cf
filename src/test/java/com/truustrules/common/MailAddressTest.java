package com.truustrules.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.AddressException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One plain address and nothing else: the shapes a webhook used to smuggle extra recipients in are refused. */
class MailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com", "ana.garcia+promo@mail.example.co.uk", "o'brien@example.com",
            "x@localhost", "a_b-c@xn--bcher-kva.example", "1@2.example"})
    void aPlainAddressIsKeptAsIs(String address) throws AddressException {
        assertEquals(address, MailAddress.single(address));
    }

    @Test
    void surroundingSpacesAreDroppedAndNormalisingAlsoLowersTheCase() throws AddressException {
        assertEquals("Ana@Example.com", MailAddress.single("  Ana@Example.com "));
        assertEquals("ana@example.com", MailAddress.normalised(" Ana@Example.COM"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            victim@example.com, a1@evil.example, a2@evil.example | is not one plain address
            victim@example.com,a1@evil.example                  | is not one plain address
            'VICTIM@example.com,a1@evil.example '              | is not one plain address
            undisclosed: g1@evil.example, g2@evil.example;      | is not one plain address
            undisclosed:;                                      | is not one plain address
            Victim <victim@example.com>                         | has a part before '@'
            victim@example.com (Victim)                         | has a domain that is not a host name
            "a@evil.example"@example.com                        | is not one plain address
            "victim"@example.com                                | has a part before '@'
            victim@[10.0.0.1]                                   | has a domain that is not a host name
            victim@example.com;a1@evil.example                  | is not one plain address
            victim%evil.example@relay.example                   | has a part before '@'
            evil.example!victim@relay.example                   | has a part before '@'
            .victim@example.com                                 | has a part before '@'
            victim..x@example.com                               | has a part before '@'
            victim@example..com                                 | has a domain that is not a host name
            victim@-example.com                                 | has a domain that is not a host name
            victim@example.com.                                 | has a domain that is not a host name
            victim                                              | is not one plain address
            @example.com                                        | has a part before '@'
            victim@                                             | has a domain that is not a host name
            vic tim@example.com                                 | has a part before '@'
            """)
    void anythingButOneAddressIsRefusedWithTheReason(String value, String reason) {
        AddressException refused = assertThrows(AddressException.class, () -> MailAddress.single(value));
        assertTrue(refused.getMessage().startsWith("'" + value.strip() + "' " + reason), refused.getMessage());
        assertNull(MailAddress.normalised(value));
    }

    @Test
    void controlAndNonAsciiCharactersAreRefusedAndShownHarmlessly() {
        for (String value : List.of("victim@example.com\r\nBcc: a1@evil.example", "victim@example.com\n", "\tvictim@example.com",
                "victim@example.com\u0000", "victim@example.com\u007f")) {
            AddressException refused = assertThrows(AddressException.class, () -> MailAddress.single(value));
            assertEquals("holds a control character (such as a line break)",
                    refused.getMessage().substring(refused.getMessage().lastIndexOf("' ") + 2));
            assertEquals(-1, refused.getMessage().indexOf('\n'));
        }
        for (String value : List.of("josé@example.com", "victim@exämple.com", "victim@example.com\u2028", "victim\uff20example.com",
                "victim@example.com\u200b")) {
            AddressException refused = assertThrows(AddressException.class, () -> MailAddress.single(value));
            assertEquals("holds a character outside ASCII", refused.getMessage().substring(refused.getMessage().lastIndexOf("' ") + 2));
        }
    }

    @Test
    void emptyAndOverlongAreRefused() {
        assertEquals("is empty: a plain address is expected", assertThrows(AddressException.class, () -> MailAddress.single(" ")).getMessage());
        assertEquals("is empty: a plain address is expected", assertThrows(AddressException.class, () -> MailAddress.single(null)).getMessage());
        String longLocal = "a".repeat(65) + "@example.com";
        assertThrows(AddressException.class, () -> MailAddress.single(longLocal));
        String longDomain = "a@" + "b".repeat(64) + ".example";
        assertThrows(AddressException.class, () -> MailAddress.single(longDomain));
        String longAddress = "a@" + "b.".repeat(126) + "example";
        AddressException refused = assertThrows(AddressException.class, () -> MailAddress.single(longAddress));
        assertTrue(refused.getMessage().endsWith("is longer than 254 characters"), refused.getMessage());
    }
}
