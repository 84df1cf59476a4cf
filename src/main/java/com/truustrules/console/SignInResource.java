package com.truustrules.console;

import com.truustrules.config.TruustConfig;
import com.truustrules.console.session.ConsoleGuard;
import com.truustrules.console.session.ConsoleSession;
import com.truustrules.console.session.ConsoleSessions;
import com.truustrules.security.AdminIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Signing in to the console with the admin token, and out again. */
@Path("/console")
public class SignInResource {

    private static final Duration SIGN_IN_FORM_LIFE = Duration.ofMinutes(30);

    @Inject
    TruustConfig truust;

    @Inject
    ConsoleConfig config;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ConsoleGuard guard;

    @Inject
    IdentityProviderManager identities;

    @Context
    UriInfo uri;

    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response home() {
        return View.seeOther("/console/events");
    }

    @GET
    @Path("sign-in")
    @PermitAll
    @Operation(hidden = true)
    public Response form() {
        closedCheck();
        String formToken = ConsoleSessions.randomToken();
        return Response.fromResponse(signInPage(Response.Status.OK, formToken, ""))
                .cookie(cookie(ConsoleSessions.SIGN_IN_COOKIE, formToken, SIGN_IN_FORM_LIFE)).build();
    }

    @POST
    @Path("sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("token") String token, @FormParam("_csrf") String formToken,
            @CookieParam(ConsoleSessions.SIGN_IN_COOKIE) String cookieToken) {
        closedCheck();
        if (formToken == null || !com.truustrules.common.Secrets.equal(formToken, cookieToken)) {
            throw new ConsoleRefusal(Response.Status.FORBIDDEN,
                    "The sign-in form did not carry its security token (CSRF). Open the sign-in page again.");
        }
        if (!holdsAdminToken(token)) {
            return signInPage(Response.Status.UNAUTHORIZED, formToken, "That is not the admin token.");
        }
        ConsoleSession session = sessions.open();
        return Response.seeOther(uri.getBaseUriBuilder().path("console/events").build())
                .cookie(cookie(ConsoleSessions.COOKIE, session.id(), config.sessionTimeout()),
                        cookie(ConsoleSessions.SIGN_IN_COOKIE, "", Duration.ZERO))
                .build();
    }

    @POST
    @Path("sign-out")
    @RolesAllowed(AdminIdentityProvider.ROLE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @FormParam("_csrf") String csrf) {
        guard.checkForm(sessionId, csrf);
        sessions.close(sessionId);
        return Response.seeOther(uri.getBaseUriBuilder().path("console/sign-in").build())
                .cookie(cookie(ConsoleSessions.COOKIE, "", Duration.ZERO)).build();
    }

    /** The same check as the API's bearer token: the admin identity provider decides. */
    private boolean holdsAdminToken(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        try {
            identities.authenticateBlocking(new TokenAuthenticationRequest(new TokenCredential(token.trim(), "console")));
            return true;
        } catch (AuthenticationFailedException e) {
            return false;
        }
    }

    private void closedCheck() {
        if (truust.admin().token().filter(t -> !t.isBlank()).isEmpty()) {
            throw new ConsoleRefusal(Response.Status.FORBIDDEN,
                    "The console is closed: set TRUUST_ADMIN_TOKEN to open it, as for the admin API.");
        }
    }

    private Response signInPage(Response.Status status, String formToken, String message) {
        return View.page(status, "sign-in", formToken, Map.of("message", message));
    }

    /** HttpOnly, SameSite=Strict, limited to /console; Secure when the request came over HTTPS. */
    private NewCookie cookie(String name, String value, Duration life) {
        return new NewCookie.Builder(name).value(value).path("/console").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure("https".equals(uri.getRequestUri().getScheme()))
                .maxAge((int) life.toSeconds()).build();
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return SignInFirst.redirect();
    }
}
