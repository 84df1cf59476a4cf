package com.truustrules.admin;

import com.truustrules.common.Problem;
import com.truustrules.common.Secrets;
import com.truustrules.config.TruustConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Guards /api/**: a bearer token must match TRUUST_ADMIN_TOKEN; without one the API is closed. */
public class AdminAuthFilter {

    // A provider: filters are built before runtime config exists, so it is read per call.
    @Inject
    Provider<TruustConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response authorize(HttpServerRequest request) {
        if (!request.path().startsWith("/api/") && !request.path().equals("/api")) {
            return null;
        }
        String token = config.get().admin().token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            return unauthorized("the admin API is closed: set TRUUST_ADMIN_TOKEN to open it");
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        return Secrets.equal(given, token) ? null : unauthorized("a valid bearer token is required");
    }

    private static Response unauthorized(String detail) {
        return Problem.builder(Response.Status.UNAUTHORIZED, detail).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
