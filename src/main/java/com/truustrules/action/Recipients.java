package com.truustrules.action;

import com.truustrules.common.MailAddress;
import com.truustrules.common.MailRecipients;
import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The recipients of a mail action rendered against the facts: each entry of the rule's list gives
 * exactly one plain address (see MailRecipients), or the whole mail is refused with the reason.
 */
public final class Recipients {

    /** The settings of the mail actions (email, report) that name recipients. */
    public static final List<String> SETTINGS = List.of("to", "cc", "bcc", "reply-to");
    /** Fact names filled by earlier actions of the firing (promo.code...): unknown until those ran. */
    private static final Set<String> RESULTS = Arrays.stream(ActionKind.values())
            .map(kind -> JobFacts.resultName(kind.key())).collect(Collectors.toUnmodifiableSet());

    private Recipients() {
    }

    /**
     * The addresses of one setting; none when an optional setting is absent.
     *
     * @throws AddressException naming the setting and the entry when an entry is not one plain address
     */
    public static List<String> of(Map<String, Object> spec, String setting, Map<String, Object> facts, boolean required)
            throws AddressException {
        List<String> addresses = new ArrayList<>();
        for (MailRecipients.Entry entry : entries(spec, setting)) {
            addresses.add(entry.placeholder() ? rendered(setting, entry, facts) : entry.text());
        }
        if (required && addresses.isEmpty()) {
            throw new AddressException("'" + setting + "' is empty");
        }
        return addresses;
    }

    /**
     * The load check of the settings of a mail action (email, report): each entry of to, cc, bcc and
     * reply-to is a plain address or one placeholder alone (see MailRecipients).
     */
    public static void checkWritten(String kind, Map<String, Object> settings) throws InvalidSetting {
        for (String setting : SETTINGS) {
            if (settings.get(setting) != null) {
                try {
                    MailRecipients.parse(settings.get(setting).toString());
                } catch (AddressException e) {
                    throw new InvalidSetting("'" + kind + "' " + setting + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Checks, before an earlier action of the firing runs, every recipient of a later mail that the facts
     * already decide; a placeholder that reads a later result (promo.code) is left to the mail itself.
     *
     * @throws AddressException when the mail can never be sent, whatever the earlier actions give
     */
    static void checkAhead(Map<String, Object> spec, Map<String, Object> facts) throws AddressException {
        for (String setting : SETTINGS) {
            for (MailRecipients.Entry entry : entries(spec, setting)) {
                if (entry.placeholder() && !awaitsResult(entry.text(), facts)) {
                    rendered(setting, entry, facts);
                }
            }
        }
    }

    private static List<MailRecipients.Entry> entries(Map<String, Object> spec, String setting) throws AddressException {
        Object written = spec.get(setting);
        try {
            return MailRecipients.parse(written == null ? null : written.toString());
        } catch (AddressException e) {
            throw new AddressException("'" + setting + "' " + e.getMessage());
        }
    }

    private static String rendered(String setting, MailRecipients.Entry entry, Map<String, Object> facts)
            throws AddressException {
        try {
            return MailAddress.single(Templates.render(entry.text(), facts));
        } catch (AddressException e) {
            throw new AddressException("'" + setting + "' " + entry.text() + " " + e.getMessage());
        }
    }

    /** Whether the placeholder starts at the result of an action that has not run yet. */
    private static boolean awaitsResult(String placeholder, Map<String, Object> facts) {
        int end = 1;
        while (end < placeholder.length() && Character.isJavaIdentifierPart(placeholder.charAt(end))) {
            end++;
        }
        String root = placeholder.substring(1, end);
        return RESULTS.contains(root) && !facts.containsKey(root);
    }
}
