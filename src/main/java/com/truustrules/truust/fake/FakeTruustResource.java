package com.truustrules.truust.fake;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The fake Truust API at /fake-truust/2.0, built into dev and test builds only: the README quick
 * start points TRUUST_API_URL here. A production build has no such route.
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@ApplicationScoped
@Path("/fake-truust/2.0")
@PermitAll
public class FakeTruustResource {

    private final FakeTruust fake = new FakeTruust();

    @Inject
    Clock clock;

    /** The first request to the fake comes after the offer opened (dev mode opens it at startup): its orders are paid then. */
    @PostConstruct
    void paidNow() {
        fake.samplesPaidAt(clock.instant());
    }

    /** The fake behind this route, for tests that switch its behaviour. */
    public FakeTruust fake() {
        return fake;
    }

    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response get(@PathParam("path") String path, @Context UriInfo uri, @HeaderParam("Authorization") String auth) {
        Map<String, String> query = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.get(0)));
        FakeTruust.Reply reply = fake.get(path, query, auth);
        Response.ResponseBuilder answer = Response.status(reply.status()).entity(reply.body());
        reply.headers().forEach(answer::header);
        return answer.build();
    }
}
