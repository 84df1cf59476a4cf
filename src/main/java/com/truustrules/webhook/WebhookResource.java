package com.truustrules.webhook;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The URL Truust calls. Answers only after the event is committed. */
@Path("/webhooks/truust")
@PermitAll
@Tag(name = "webhooks")
public class WebhookResource {

    @Inject
    WebhookIngest ingest;

    @POST
    @Operation(summary = "Receive a Truust notification; the type is read from a header or the body")
    public CompletionStage<Response> receive(@Context HttpServerRequest request, byte[] body) {
        return ingest.receive(request, null, null, body);
    }

    @POST
    @Path("{event}")
    @Operation(summary = "Receive a Truust notification of the named type")
    public CompletionStage<Response> receiveType(@Context HttpServerRequest request, @PathParam("event") String event,
            byte[] body) {
        return ingest.receive(request, null, event, body);
    }

    @POST
    @Path("t/{token}")
    @Operation(summary = "Receive a Truust notification verified by a token in the URL")
    public CompletionStage<Response> receiveWithToken(@Context HttpServerRequest request,
            @PathParam("token") String token, byte[] body) {
        return ingest.receive(request, token, null, body);
    }

    @POST
    @Path("t/{token}/{event}")
    @Operation(summary = "Receive a Truust notification of the named type, verified by a token in the URL")
    public CompletionStage<Response> receiveTypeWithToken(@Context HttpServerRequest request,
            @PathParam("token") String token, @PathParam("event") String event, byte[] body) {
        return ingest.receive(request, token, event, body);
    }
}
