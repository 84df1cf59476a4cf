package com.truustrules.webhook;

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
}
