package com.truustrules.action.sms;

/**
 * How many SMS a text takes. GSM-7 texts fit 160 characters in one SMS and 153 per part when split;
 * a text with any other character is sent as UCS-2: 70, or 67 per part (UTF-16 units, so an emoji
 * counts two). GSM-7 extension characters such as € and [ take two places.
 */
public record SmsSegments(String encoding, int units, int segments) {

    public static final String GSM_7 = "GSM-7";
    public static final String UCS_2 = "UCS-2";

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";

    public static SmsSegments of(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return ucs2(text.length());
            }
        }
        return new SmsSegments(GSM_7, septets, septets <= 160 ? 1 : ceil(septets, 153));
    }

    /** The characters one SMS holds in this encoding. */
    public int singleLimit() {
        return encoding.equals(GSM_7) ? 160 : 70;
    }

    private static SmsSegments ucs2(int units) {
        return new SmsSegments(UCS_2, units, units <= 70 ? 1 : ceil(units, 67));
    }

    private static int ceil(int units, int perPart) {
        return (units + perPart - 1) / perPart;
    }
}
