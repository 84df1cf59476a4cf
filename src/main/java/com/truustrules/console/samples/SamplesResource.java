package com.truustrules.console.samples;

import com.truustrules.common.StandardWebhooksSignature;
import com.truustrules.config.TruustConfig;
import com.truustrules.console.ConsoleRefusal;
import com.truustrules.console.SignInFirst;
import com.truustrules.console.View;
import com.truustrules.console.session.ConsoleGuard;
import com.truustrules.console.session.ConsoleSessions;
import com.truustrules.security.AdminIdentityProvider;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Dev mode's "Send a sample webhook": posts a sample to this very service's webhook URL over HTTP,
 * with the credentials Truust would carry (the configured secret header, path token and signature,
 * whichever are set), so it goes through verification, storage and the rules like any call.
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@Path("/console/samples")
@RolesAllowed(AdminIdentityProvider.ROLE)
public class SamplesResource {

    /** HTTP/1.1 as Truust sends (the JDK client would otherwise ask to upgrade a plain connection to HTTP/2). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ConsoleGuard guard;

    @Inject
    SampleFiles samples;

    @Inject
    TruustConfig config;

    @POST
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response send(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @FormParam("_csrf") String csrf,
            @PathParam("name") String name, @Context HttpServerRequest request) throws InterruptedException {
        guard.checkForm(sessionId, csrf);
        byte[] body = samples.body(name).orElseThrow(() -> new ConsoleRefusal(Response.Status.NOT_FOUND,
                "There is no sample webhook of that name."));
        int status;
        try {
            status = HTTP.send(call(request, name, body), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new ConsoleRefusal(Response.Status.BAD_GATEWAY, "The sample could not be posted: " + e.getMessage());
        }
        return View.seeOther("/console/events?sent=" + name + "&answer=" + status);
    }

    /** A POST to the address this request came in on, so it reaches this instance whatever its port. */
    private HttpRequest call(HttpServerRequest request, String name, byte[] body) {
        TruustConfig.Webhook webhook = config.webhook();
        String host = request.localAddress().hostAddress();
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + request.localAddress().port();
        List<String> tokens = webhook.pathTokens().orElse(List.of());
        String path = tokens.isEmpty() ? "/webhooks/truust/" + name : "/webhooks/truust/t/" + tokens.get(0) + "/" + name;
        String id = "console-sample-" + UUID.randomUUID(); // a fresh notification on every press, not a retry
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(request.scheme() + "://" + authority + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(StandardWebhooksSignature.ID, id).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        webhook.secrets().filter(s -> !s.isEmpty()).ifPresent(s -> call.header(webhook.secretHeader(), s.get(0)));
        webhook.hmacSecrets().filter(s -> !s.isEmpty()).ifPresent(s -> {
            long now = System.currentTimeMillis() / 1000;
            call.header(StandardWebhooksSignature.TIMESTAMP, Long.toString(now))
                    .header(StandardWebhooksSignature.SIGNATURE, StandardWebhooksSignature.sign(s.get(0), id, now, body));
        });
        return call.build();
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return SignInFirst.redirect();
    }
}
