package com.truustrules.webhook;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Plain HTTP stays HTTP/1.1: a call asking to upgrade ("Upgrade: h2c", as the JDK's HTTP client does
 * by default) is answered as an ordinary one. Upgrading, the server would read the whole body itself,
 * past {@link WebhookBodyGate}'s size and time limits, and hand the gate a request already read (every
 * such webhook was a 500). HTTP/2 over TLS (ALPN) is not affected.
 */
@ApplicationScoped
public class NoCleartextUpgrade implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
