package com.truustrules.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** A problem+json answer from a Vert.x handler that runs before the REST layer (where ProblemMappers cannot help). */
public final class ProblemReply {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProblemReply() {
    }

    /**
     * Answers and closes the connection, so that whatever the client is still sending (a flood, a
     * slow body) is not read.
     */
    public static void refuseAndClose(RoutingContext context, int status, String detail) {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        String body;
        try {
            body = MAPPER.writeValueAsString(new Problem("about:blank", reason, status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body could not be written", e);
        }
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(body).onComplete(done -> context.request().connection().close());
    }
}
