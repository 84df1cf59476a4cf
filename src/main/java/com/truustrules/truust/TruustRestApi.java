package com.truustrules.truust;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** The reads of Truust's REST API we use; answers are judged by {@link TruustApi}, whatever their status. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public interface TruustRestApi {

    @GET
    @Path("/orders/{id}")
    CompletionStage<Response> order(@PathParam("id") String id, @HeaderParam("Authorization") String auth);

    @GET
    @Path("/customers/{id}")
    CompletionStage<Response> customer(@PathParam("id") String id, @HeaderParam("Authorization") String auth);

    @GET
    @Path("/orders")
    CompletionStage<Response> orders(@QueryParam("status") String status, @QueryParam("date_begin") String dateBegin,
            @QueryParam("date_end") String dateEnd, @QueryParam("page") int page, @QueryParam("per_page") int perPage,
            @HeaderParam("Authorization") String auth);
}
