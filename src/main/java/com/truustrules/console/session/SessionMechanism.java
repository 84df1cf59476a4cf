package com.truustrules.console.session;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the console's session cookie, on console paths only: the JSON API under /api keeps its
 * bearer token, so a browser that is signed in to the console cannot be made to call it.
 */
@ApplicationScoped
public class SessionMechanism implements HttpAuthenticationMechanism {

    public static final String CONSOLE_PATH = "/console";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = context.request().getCookie(ConsoleSessions.COOKIE);
        if (cookie == null || !isConsolePath(context.request().path())) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new SessionRequest(cookie.getValue()))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    public static boolean isConsolePath(String path) {
        return path != null && (path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, "Location", CONSOLE_PATH + "/sign-in"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, ConsoleSessions.COOKIE));
    }
}
