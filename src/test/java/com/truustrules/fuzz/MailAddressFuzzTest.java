package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.action.Recipients;
import com.truustrules.common.MailAddress;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The address parser behind every recipient that event data fills: whatever the text, it is refused
 * with a reason or it is exactly one plain address (no CR, LF, comma, space or second '@'), read back
 * as that one address by Jakarta Mail, and a rendered recipient list never has more addresses than
 * the rule wrote, also after the mail is written out and parsed again.
 */
@AddLifecycleHook(FuzzBudget.class)
class MailAddressFuzzTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    /** Pieces of addresses and of the syntax that used to add recipients: lists, groups, names, comments, quotes. */
    private static final List<String> PIECES = List.of("victim", "VICTIM", "a1", "@", "@", "example.com", "evil.example", ".",
            ",", ", ", ";", ":", "undisclosed:", "<", ">", "(", ")", "\"", "\\", " ", "  ", "\r", "\n", "\r\n", "\t", "\u0000",
            "\u007f", "%", "!", "[", "]", "[10.0.0.1]", "-", "+tag", "'", "=?utf-8?q?x?=", "é", "\u2028", "\uff20", "\u200b",
            "Bcc: ", "a1@evil.example", "victim@example.com", " victim@example.com ", "xn--bcher-kva", "{", "}");

    @Property(tries = 2000)
    void anAcceptedValueIsExactlyOnePlainAddress(@ForAll("values") String value) throws AddressException {
        String address;
        try {
            address = MailAddress.single(value);
        } catch (AddressException refused) {
            assertFalse(refused.getMessage().isBlank());
            assertFalse(refused.getMessage().contains("\r") || refused.getMessage().contains("\n"), refused.getMessage());
            assertNull(MailAddress.normalised(value));
            return;
        }
        assertEquals(value.strip(), address);
        assertTrue(address.chars().allMatch(c -> c > 0x20 && c < 0x7f), address);
        for (String forbidden : List.of(",", ";", ":", "<", ">", "(", ")", "\"", "\\", "[", "]", " ")) {
            assertFalse(address.contains(forbidden), address);
        }
        assertEquals(address.indexOf('@'), address.lastIndexOf('@'), address);
        InternetAddress[] parsed = InternetAddress.parse(address, true);
        assertEquals(1, parsed.length, address);
        assertEquals(address, parsed[0].getAddress());
        assertNull(parsed[0].getPersonal());
        assertFalse(parsed[0].isGroup());
        assertEquals(address, MailAddress.single(address), "accepting is idempotent");
        assertEquals(address.toLowerCase(Locale.ROOT), MailAddress.normalised(value));
    }

    @Property(tries = 1000)
    void aRenderedListHasTheEntriesTheRuleWroteAndNoMore(@ForAll("values") String buyer, @ForAll("values") String seller)
            throws Exception {
        Map<String, Object> spec = Map.of("to", "{escrow.buyer}", "cc", "ops@shop.example, {escrow.seller}");
        Map<String, Object> facts = Map.of("escrow", Map.of("buyer", buyer, "seller", seller));
        List<String> to;
        List<String> cc;
        try {
            to = Recipients.of(spec, "to", facts, true);
            cc = Recipients.of(spec, "cc", facts, false);
        } catch (AddressException refused) {
            assertTrue(refused.getMessage().startsWith("'to' {escrow.buyer} ") || refused.getMessage().startsWith("'cc' {escrow.seller} "),
                    refused.getMessage());
            return;
        }
        assertEquals(List.of(MailAddress.single(buyer)), to);
        assertEquals(List.of("ops@shop.example", MailAddress.single(seller)), cc);
        MimeMessage written = new MimeMessage(SESSION);
        written.setRecipients(RecipientType.TO, InternetAddress.parse(String.join(",", to), true));
        written.setRecipients(RecipientType.CC, InternetAddress.parse(String.join(",", cc), true));
        written.setSubject("x");
        written.setText("x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        written.writeTo(bytes);
        MimeMessage read = new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(1, read.getRecipients(RecipientType.TO).length);
        assertEquals(2, read.getRecipients(RecipientType.CC).length);
        assertNull(read.getRecipients(RecipientType.BCC));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(8).map(pieces -> String.join("", pieces)),
                Arbitraries.strings().withChars("abcXYZ09.@,;:<>()\"\\[] \r\n\t%!'+-_=?").ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().ascii().ofMaxLength(300));
    }
}
