package com.truustrules.common;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One plain e-mail address (an RFC 5322 addr-spec such as {@code ana.garcia@example.com}) and nothing
 * else: no display name, group, comment, list, quoted local part, domain literal, whitespace inside
 * or control character. A value from an event that reaches a recipient header must pass here, so
 * that it can name one mailbox only. Non-ASCII addresses are refused too (an IDN domain is written
 * in its xn-- form), as are the routing characters {@code %} and {@code !} of old relays.
 */
public final class MailAddress {

    /** RFC 5321: at most 254 characters in all, 64 before the @ and 63 per domain label. */
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_LABEL = 63;
    /** atext of RFC 5322 without % and !, in dot-separated atoms. */
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9#$&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9#$&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");

    private MailAddress() {
    }

    /**
     * The address the value holds, without surrounding spaces.
     *
     * @throws AddressException saying why, when the value is not exactly one plain address
     */
    public static String single(String value) throws AddressException {
        if (value == null || value.isBlank()) {
            throw new AddressException("is empty: a plain address is expected");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw refused(value, "holds a control character (such as a line break)");
            }
            if (c > 0x7E) {
                throw refused(value, "holds a character outside ASCII");
            }
        }
        String address = value.strip();
        checkShape(address);
        checkWithJakartaMail(address);
        return address;
    }

    /** The address in the form to compare and key by: {@link #single} lower-cased; null when it is not one. */
    public static String normalised(String value) {
        try {
            return single(value).toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return null;
        }
    }

    private static void checkShape(String address) throws AddressException {
        if (address.length() > MAX_LENGTH) {
            throw refused(address, "is longer than " + MAX_LENGTH + " characters");
        }
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            throw refused(address, "is not one plain address: exactly one '@', and no list, name, group or comment");
        }
        String local = address.substring(0, at);
        if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches()) {
            throw refused(address, "has a part before '@' that is not a plain name (letters, digits and "
                    + ".#$&'*+/=?^_`{|}~-, no spaces, quotes, commas or brackets; at most " + MAX_LOCAL + " characters)");
        }
        checkDomain(address, address.substring(at + 1));
    }

    private static void checkDomain(String address, String domain) throws AddressException {
        for (String label : domain.split("\\.", -1)) {
            if (label.length() > MAX_LABEL || !LABEL.matcher(label).matches()) {
                throw refused(address, "has a domain that is not a host name (dot-separated letters, digits "
                        + "and inner hyphens)");
            }
        }
    }

    /** Jakarta Mail's strict parser must read the same single address: a second opinion on the shape. */
    private static void checkWithJakartaMail(String address) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(address, true);
        if (parsed.length != 1 || parsed[0].isGroup() || parsed[0].getPersonal() != null
                || !address.equals(parsed[0].getAddress())) {
            throw refused(address, "is not read as exactly this one address by Jakarta Mail");
        }
        parsed[0].validate();
    }

    /** The error names the value: at most 80 characters of it, control characters shown as '?'. */
    private static AddressException refused(String value, String reason) {
        String oneLine = value.replaceAll("[\\x00-\\x1F\\x7F]", "?");
        return new AddressException("'" + (oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine) + "' " + reason);
    }
}
