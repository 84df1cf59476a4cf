package com.truustrules.common;

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
        // A tree, not the Problem record: no reflection, so nothing to register for native images.
        String body = MAPPER.createObjectNode().put("type", "about:blank").put("title", reason)
                .put("status", status).put("detail", detail).toString();
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(body).onComplete(done -> context.request().connection().close());
    }
}
