package com.truustrules.security;

import com.truustrules.common.Problem;
import com.truustrules.config.TruustConfig;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The refusals of @RolesAllowed, as problem+json like every other error. */
public class SecurityProblems {

    @Inject
    TruustConfig config;

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        boolean open = config.admin().token().filter(t -> !t.isBlank()).isPresent();
        String detail = open ? "a valid bearer token is required"
                : "the admin API is closed: set TRUUST_ADMIN_TOKEN to open it";
        return Problem.builder(Response.Status.UNAUTHORIZED, detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, AdminTokenMechanism.SCHEME).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "this endpoint is not open to the caller");
    }
}
