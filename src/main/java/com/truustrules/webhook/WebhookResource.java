package com.truustrules.webhook;

import io.vertx.ext.web.RoutingContext;
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

/** The URL Truust calls (open to anyone: verification is the webhook's own). Answers only after the event is committed. */
@Path("/webhooks/truust")
@PermitAll
@Tag(name = "webhooks")
public class WebhookResource {

    @Inject
    WebhookIngest ingest;

    @POST
    @Operation(summary = "Receive a Truust notification; the type is read from a header or the body")
    public CompletionStage<Response> receive(@Context RoutingContext context) {
        return ingest.receive(context.request(), null, null, body(context));
    }

    @POST
    @Path("{event}")
    @Operation(summary = "Receive a Truust notification of the named type")
    public CompletionStage<Response> receiveType(@Context RoutingContext context, @PathParam("event") String event) {
        return ingest.receive(context.request(), null, event, body(context));
    }

    @POST
    @Path("t/{token}")
    @Operation(summary = "Receive a Truust notification verified by a token in the URL")
    public CompletionStage<Response> receiveWithToken(@Context RoutingContext context, @PathParam("token") String token) {
        return ingest.receive(context.request(), token, null, body(context));
    }

    @POST
    @Path("t/{token}/{event}")
    @Operation(summary = "Receive a Truust notification of the named type, verified by a token in the URL")
    public CompletionStage<Response> receiveTypeWithToken(@Context RoutingContext context,
            @PathParam("token") String token, @PathParam("event") String event) {
        return ingest.receive(context.request(), token, event, body(context));
    }

    /** The body WebhookBodyGate read within the limits; it runs before this resource on every webhook POST. */
    private static byte[] body(RoutingContext context) {
        byte[] body = context.get(WebhookBodyGate.BODY);
        if (body == null) {
            throw new IllegalStateException("the webhook body gate did not run for " + context.request().path());
        }
        return body;
    }
}
