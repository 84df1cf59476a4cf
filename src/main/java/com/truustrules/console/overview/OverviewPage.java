package com.truustrules.console.overview;

import com.truustrules.console.SignInFirst;
import com.truustrules.console.View;
import com.truustrules.console.events.Times;
import com.truustrules.console.session.ConsoleGuard;
import com.truustrules.console.session.ConsoleSessions;
import com.truustrules.security.AdminIdentityProvider;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The last 7 days at a glance: events per hour by type, firings per rule, action outcomes, latency. */
@Path("/console/overview")
@RolesAllowed(AdminIdentityProvider.ROLE)
public class OverviewPage {

    @Inject
    ConsoleGuard guard;

    @Inject
    Overview overview;

    @GET
    @Operation(hidden = true)
    public Response show(@CookieParam(ConsoleSessions.COOKIE) String sessionId) throws SQLException {
        Overview.Figures f = overview.figures();
        return View.page("overview", guard.session(sessionId), Map.of("o", f, "from", Times.text(f.from()),
                "at", Times.text(f.at())));
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return SignInFirst.redirect();
    }
}
