package com.truustrules.action.http;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text that other systems wrote (an answer's body, an error) before it is
 * stored and shown by the admin API: values of keys named like a secret, bearer and basic
 * credentials, whsec_ secrets and JWTs.
 */
public final class Redaction {

    public static final String MARK = "[redacted]";

    private static final Pattern KEYED = Pattern.compile("(?i)([\\w.-]*(?:token|secret|password|passwd|pwd|api[_-]?key|apikey"
            + "|authorization|signature|session|cookie|credential)[\\w.-]*\"?\\s*[:=]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?"
            + "|(?:(?:bearer|basic)\\s+)?[^\"&\\s,;}<]+)");
    private static final Pattern SCHEMES = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern WHSEC = Pattern.compile("whsec_[A-Za-z0-9+/=_-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]*");

    private Redaction() {
    }

    /** The text with every credential it seems to hold replaced by [redacted]. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher keyed = KEYED.matcher(text);
        String out = keyed.replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + (m.group(2).startsWith("\"") ? "\"" + MARK + "\"" : MARK)));
        out = SCHEMES.matcher(out).replaceAll("$1$2" + MARK);
        out = WHSEC.matcher(out).replaceAll("whsec_" + MARK);
        return JWT.matcher(out).replaceAll(MARK);
    }

    /** The redacted text of the first bytes of an answer, cut to at most limit UTF-8 bytes on a character boundary. */
    public static String excerpt(byte[] bytes, int limit) {
        String redacted = text(new String(bytes, StandardCharsets.UTF_8));
        byte[] utf8 = redacted.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= limit) {
            return redacted;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .decode(ByteBuffer.wrap(utf8, 0, limit)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
