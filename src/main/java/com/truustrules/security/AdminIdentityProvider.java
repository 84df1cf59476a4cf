package com.truustrules.security;

import com.truustrules.common.Secrets;
import com.truustrules.config.TruustConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one identity there is: whoever holds TRUUST_ADMIN_TOKEN is "admin"; without a token nobody is. */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    public static final String ROLE = "admin";

    @Inject
    TruustConfig config;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String expected = config.admin().token().filter(t -> !t.isBlank()).orElse(null);
        if (!Secrets.equal(request.getToken().getToken(), expected)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("a valid bearer token is required"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(ROLE))
                .addRole(ROLE)
                .addCredential(request.getToken())
                .build());
    }
}
