package com.truustrules.console.session;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A console request that carries a session cookie, to be checked against the live sessions. */
public class SessionRequest extends BaseAuthenticationRequest {

    private final String sessionId;

    public SessionRequest(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
