package com.truustrules.console;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Console refusals as a page rather than problem+json: a person reads them. */
public class ConsoleErrors {

    @ServerExceptionMapper
    public Response refused(ConsoleRefusal e) {
        return page(e.status(), e.getMessage());
    }

    static Response page(Response.Status status, String message) {
        return View.page(status, "error", "", Map.of("title", status.getReasonPhrase(), "message", message));
    }
}
