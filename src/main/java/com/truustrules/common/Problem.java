package com.truustrules.common;

import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body; every error a caller can cause is answered with one. */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String detail) {
        return builder(status, detail).build();
    }

    public static Response.ResponseBuilder builder(Response.Status status, String detail) {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem);
    }
}
