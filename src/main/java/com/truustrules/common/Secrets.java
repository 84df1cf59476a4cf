package com.truustrules.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Constant-time comparison of credentials, so timing tells an attacker nothing. */
public final class Secrets {

    private Secrets() {
    }

    public static boolean equal(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** True when given equals any of the candidates; every candidate is compared, no early exit. */
    public static boolean equalsAny(String given, List<String> candidates) {
        boolean found = false;
        for (String candidate : candidates) {
            found |= equal(given, candidate);
        }
        return found;
    }
}
