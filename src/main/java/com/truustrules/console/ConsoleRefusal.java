package com.truustrules.console;

import jakarta.ws.rs.core.Response;

/** A console request refused with a status and a sentence for the person at the browser. */
public class ConsoleRefusal extends RuntimeException {

    private final Response.Status status;

    public ConsoleRefusal(Response.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }
}
