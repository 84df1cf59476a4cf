package com.truustrules.console;

import com.truustrules.console.session.SessionMechanism;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Browser protections on every console answer, pages, redirects, errors and static files alike:
 * scripts and styles only from the service's own files (no inline code, so injected markup cannot
 * run), no framing, no sniffing, no referrer and no caching of pages that show customer data.
 */
@ApplicationScoped
public class ConsoleHeaders {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** Below the canonical-path filter (10 000), above authentication: a refused login still gets them. */
    static final int PRIORITY = 9_000;

    void register(@Observes Filters filters) {
        filters.register(ConsoleHeaders::add, PRIORITY);
    }

    static void add(RoutingContext context) {
        if (SessionMechanism.isConsolePath(context.request().path())) {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CSP);
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cache-Control", "no-store");
        }
        context.next();
    }
}
