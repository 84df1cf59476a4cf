package com.truustrules.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.truustrules.common.MailRecipients.Entry;
import jakarta.mail.internet.AddressException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The recipient lists a rule author writes: literal addresses and placeholders that stand alone. */
class MailRecipientsTest {

    @Test
    void entriesAreLiteralAddressesOrLonePlaceholders() throws AddressException {
        assertEquals(List.of(new Entry("ops@example.com", false)), MailRecipients.parse("ops@example.com"));
        assertEquals(List.of(new Entry("{escrow.metadata.buyer_email}", true), new Entry("audit@example.com", false),
                new Entry("{order.seller.email.or('a, b')}", true)),
                MailRecipients.parse(" {escrow.metadata.buyer_email} ,audit@example.com, {order.seller.email.or('a, b')}"));
        assertEquals(List.of(), MailRecipients.parse(null));
        assertEquals(List.of(), MailRecipients.parse("  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana <{escrow.metadata.buyer_email}>", "orders+{escrow.id}@shop.example", "{a}{b}",
            "{escrow.metadata.buyer_email}@example.com", "{#if escrow.vip}vip@example.com{/if}", "{! comment !}", "{escrow"})
    void aPlaceholderMixedWithTextIsRefused(String setting) {
        AddressException refused = assertThrows(AddressException.class, () -> MailRecipients.parse(setting));
        assertEquals(true, refused.getMessage().endsWith("mixes a placeholder with other text: a placeholder must stand "
                + "alone as one entry, and its value must be one plain address"), refused.getMessage());
    }

    @Test
    void literalAddressesAndEmptyEntriesAreChecked() {
        assertEquals("'Ops <ops@example.com>' has a part before '@' that is not a plain name (letters, digits and "
                + ".#$&'*+/=?^_`{|}~-, no spaces, quotes, commas or brackets; at most 64 characters)",
                assertThrows(AddressException.class, () -> MailRecipients.parse("Ops <ops@example.com>")).getMessage());
        assertEquals("has an empty entry: write addresses or placeholders separated by single commas",
                assertThrows(AddressException.class, () -> MailRecipients.parse("a@example.com,,b@example.com")).getMessage());
        assertThrows(AddressException.class, () -> MailRecipients.parse("a@example.com,"));
    }
}
