package com.truustrules.security;

import com.truustrules.common.ProblemReply;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Refuses a request whose path is not canonical before anything else looks at it: authentication,
 * the webhook gate, the REST router and the /q endpoints all then see one spelling of each path.
 */
@ApplicationScoped
public class CanonicalPathFilter {

    /** Above every Quarkus filter (CORS 300, authentication 200, authorization 100). */
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(CanonicalPathFilter::check, PRIORITY);
    }

    static void check(RoutingContext context) {
        Optional<String> problem = CanonicalPath.problem(context.request().path());
        if (problem.isEmpty()) {
            context.next();
        } else {
            ProblemReply.refuseAndClose(context, 400, problem.get());
        }
    }
}
