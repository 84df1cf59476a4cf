package com.truustrules.action.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.stream.Stream;

/** Reading the mails a GreenMail sink received, for the recipient attack tests (jar and in-process). */
final class ReceivedMail {

    private ReceivedMail() {
    }

    static Stream<String> all(MimeMessage mail) {
        try {
            Address[] to = mail.getAllRecipients();
            return to == null ? Stream.of() : Arrays.stream(to).map(Address::toString);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value as it stands inside a JSON string. */
    static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
    }
}
