package com.truustrules.webhook;

import com.truustrules.common.Problem;
import com.truustrules.config.TruustConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Turns away a declared oversized webhook body before it is read into memory. */
public class BodySizeFilter {

    // A provider: filters are built before runtime config exists, so it is read per call.
    @Inject
    Provider<TruustConfig> config;

    @Inject
    Provider<MeterRegistry> metrics;

    @ServerRequestFilter(preMatching = true)
    public Response limit(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null || !request.path().startsWith("/webhooks/")) {
            return null;
        }
        long max = config.get().webhook().maxBody().asLongValue();
        try {
            if (Long.parseLong(length.trim()) > max) {
                rejected("too-large");
                return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the body is larger than " + max + " bytes");
            }
        } catch (NumberFormatException e) {
            rejected("malformed");
            return Problem.response(Response.Status.BAD_REQUEST, "Content-Length is not a number");
        }
        return null;
    }

    private void rejected(String reason) {
        metrics.get().counter("truust.events.rejected", "reason", reason).increment();
    }
}
