package com.truustrules.console;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** A console page asked for without a live session: the browser is sent to sign in, not shown problem+json. */
public final class SignInFirst {

    private SignInFirst() {
    }

    public static Response redirect() {
        return Response.status(Response.Status.FOUND).location(URI.create("/console/sign-in")).build();
    }
}
