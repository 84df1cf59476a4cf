package com.truustrules.common;

import jakarta.ws.rs.core.Response;

/** A refusal that the caller can fix; mapped to a problem+json answer with its status. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;

    public ProblemException(Response.Status status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }

    public Response toResponse() {
        return Problem.response(status, getMessage());
    }
}
