package com.truustrules.action.sms;

import java.util.Optional;

/** Turns a number as people write it (+34 612 34 56 78, 0034-612..., (612) 345 678 with a default prefix) into E.164. */
public final class PhoneNumbers {

    private static final String E164 = "\\+[1-9][0-9]{6,14}";

    private PhoneNumbers() {
    }

    /**
     * The E.164 form of {@code number}.
     *
     * @param defaultPrefix a country code such as +34 for numbers written without one
     * @throws IllegalArgumentException with a message that says what is wrong, never the whole input when it is long
     */
    public static String e164(String number, Optional<String> defaultPrefix) {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("the phone number is empty");
        }
        // Spaces, dots, dashes, slashes and parentheses are how people group digits; nothing else is allowed.
        String compact = number.strip().replaceAll("[\\s.\\-/()]", "");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        } else if (!compact.startsWith("+")) {
            if (defaultPrefix.isEmpty()) {
                throw new IllegalArgumentException("'" + shown(number) + "' has no country code (such as +34); "
                        + "write it with one or set TRUUST_SMS_DEFAULT_PREFIX");
            }
            compact = prefix(defaultPrefix.get()) + compact;
        }
        if (!compact.matches(E164)) {
            throw new IllegalArgumentException("'" + shown(number) + "' is not a phone number (E.164: + country code and "
                    + "up to 15 digits)");
        }
        return compact;
    }

    /** A Truust prefix may be written 34, +34 or 0034. */
    static String prefix(String prefix) {
        String digits = prefix.strip().replaceFirst("^(\\+|00)", "");
        if (!digits.matches("[1-9][0-9]{0,3}")) {
            throw new IllegalArgumentException("'" + shown(prefix) + "' is not a country code such as +34");
        }
        return "+" + digits;
    }

    private static String shown(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }
}
