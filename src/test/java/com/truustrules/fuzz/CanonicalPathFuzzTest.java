package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.security.CanonicalPath;
import io.vertx.core.http.impl.HttpUtils;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The path check of issue 9 (defect 1): whatever it accepts, the router's own normaliser leaves
 * unchanged and decodes to a path without separators in disguise; whatever trick is spliced into an
 * accepted path is refused.
 */
@AddLifecycleHook(FuzzBudget.class)
class CanonicalPathFuzzTest {

    /** Pieces attackers combine: separators, dots, escapes of every kind, overlong UTF-8. */
    private static final String[] PIECES = {"/", "/", ".", "..", "a", "api", "events", "Z9", "-", "_", "~", "%", "%2",
        "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "%61", "%41", "%25", "%3b", ";", "\\", "%C0%AF", "%C0%AE", "%C1%81",
        "%E2%82%AC", "%ED%A0%80", "%F0%9F%98%80", "%00", "%0a", ":", "@", "!", "+", ",", "=", " ", "?", "#", "é"};

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PIECES).list().ofMaxSize(12).map(pieces -> "/" + String.join("", pieces));
    }

    @Property(tries = 3000)
    void anAcceptedPathIsAFixedPointOfTheRoutersNormaliser(@ForAll("paths") String path) {
        if (CanonicalPath.problem(path).isPresent()) {
            return;
        }
        assertEquals(path, HttpUtils.normalizePath(path), "the router would see another path than the checks");
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        assertFalse(decoded.contains("//") || decoded.contains("\\") || decoded.contains(";") || decoded.contains("\0"), decoded);
        for (String segment : decoded.split("/")) {
            assertFalse(segment.equals(".") || segment.equals(".."), decoded);
        }
    }

    @Property(tries = 3000)
    void aTrickSplicedIntoAnAcceptedPathIsRefused(@ForAll("paths") String path, @ForAll("tricks") String trick) {
        if (CanonicalPath.problem(path).isPresent()) {
            return;
        }
        int at = path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1);
        String spliced = path.substring(0, at) + trick + "/x" + path.substring(at);
        Optional<String> problem = CanonicalPath.problem(spliced);
        assertTrue(problem.isPresent(), spliced);
        assertFalse(spliced.length() > 4 && problem.get().contains(spliced), "the refusal must not echo the input");
    }

    @Provide
    Arbitrary<String> tricks() {
        return Arbitraries.of("/", "/.", "/..", "/%2e", "/%2E%2E", "/.%2e", ";x", ";", "%2F", "%2f", "%5C", "\\",
                "%61", "%7E", "%30", "%C0%AF", "%C0%AE", "%E0%80%AF", "%ED%A0%80", "%", "%G1", "%252F", "%00", "%0D%0A");
    }

    @Property(tries = 1000)
    void anythingElseIsEitherAcceptedOrRefusedWithAReason(@ForAll String anything) {
        CanonicalPath.problem(anything).ifPresent(reason -> assertFalse(reason.isBlank()));
        CanonicalPath.problem("/" + anything).ifPresent(reason -> assertFalse(reason.isBlank()));
    }
}
