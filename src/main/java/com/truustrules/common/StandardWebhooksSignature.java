package com.truustrules.common;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and checks Standard Webhooks signatures: HMAC-SHA256 over "id.timestamp.body". */
public final class StandardWebhooksSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private final List<byte[]> keys;
    private final Duration tolerance;

    public StandardWebhooksSignature(List<String> secrets, Duration tolerance) {
        this.keys = secrets.stream().map(StandardWebhooksSignature::key).toList();
        this.tolerance = tolerance;
    }

    /** True when the timestamp is fresh and one of the v1 signatures matches one of the secrets. */
    public boolean verify(String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatures == null || !fresh(timestamp.trim(), now)) {
            return false;
        }
        boolean found = false;
        for (byte[] key : keys) {
            byte[] expected = hmac(key, id, timestamp.trim(), body);
            for (String signature : signatures.trim().split(" +")) {
                found |= matches(signature, expected);
            }
        }
        return found;
    }

    private boolean fresh(String timestamp, Instant now) {
        try {
            // Exact arithmetic: a timestamp near Long.MIN_VALUE must not wrap around into the window.
            long age = Math.subtractExact(now.getEpochSecond(), Long.parseLong(timestamp));
            return age >= -tolerance.toSeconds() && age <= tolerance.toSeconds();
        } catch (NumberFormatException | ArithmeticException e) {
            return false;
        }
    }

    /** The header value a sender would put in webhook-signature; used by our http action and tests. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        byte[] mac = hmac(key(secret), id, Long.toString(timestamp), body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    private static boolean matches(String signature, byte[] expected) {
        if (!signature.startsWith("v1,")) {
            return false;
        }
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(signature.substring(3)), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Refuses a secret that decodes to no key here, at configuration, since HMAC would refuse it on every call. */
    private static byte[] key(String secret) {
        String encoded = secret.trim().startsWith("whsec_") ? secret.trim().substring(6) : secret.trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Standard Webhooks secret must be whsec_ followed by base64", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("a Standard Webhooks secret must not be empty: whsec_ followed by base64");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
