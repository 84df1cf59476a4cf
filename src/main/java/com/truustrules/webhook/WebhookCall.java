package com.truustrules.webhook;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.function.Function;

/**
 * What verification looks at in one call.
 *
 * @param header reads a request header by name (case-insensitive), null when absent
 * @param pathToken the token of /webhooks/truust/t/{token}, null on the plain path
 * @param peer the address of the TCP peer
 * @param body the raw body, exactly as received (signatures cover these bytes)
 */
public record WebhookCall(Function<String, String> header, String pathToken, String peer, byte[] body) {

    /**
     * Reads every line of a header, combined with ", " as HTTP defines (RFC 9110, 5.3): a proxy that
     * appends its own X-Forwarded-For line must not leave the client's line as the only one read.
     */
    public static Function<String, String> allLines(MultiMap headers) {
        return name -> {
            List<String> lines = headers.getAll(name);
            return lines.isEmpty() ? null : String.join(", ", lines);
        };
    }
}
