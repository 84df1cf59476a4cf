package com.truustrules.console.pools;

import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionSpec;
import com.truustrules.action.ActionsLoaded;
import com.truustrules.action.ActiveActions;
import com.truustrules.action.promo.PoolStats;
import com.truustrules.console.SignInFirst;
import com.truustrules.console.View;
import com.truustrules.console.session.ConsoleGuard;
import com.truustrules.console.session.ConsoleSessions;
import com.truustrules.security.AdminIdentityProvider;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Promo-code pools: codes left and taken, and when each runs out at the last hour's rate. */
@Path("/console/pools")
@RolesAllowed(AdminIdentityProvider.ROLE)
public class PoolsPage {

    static final Duration RATE_WINDOW = Duration.ofHours(1);

    @Inject
    ConsoleGuard guard;

    @Inject
    PoolStats stats;

    @Inject
    ActiveActions actions;

    @Inject
    Clock clock;

    @GET
    @Operation(hidden = true)
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String sessionId) throws SQLException {
        Instant now = clock.instant();
        Set<String> used = usedPools();
        List<PoolRow> rows = new ArrayList<>();
        Set<String> imported = new TreeSet<>();
        for (PoolStats.Pool pool : stats.all(now.minus(RATE_WINDOW))) {
            rows.add(PoolRow.of(pool, now, used.contains(pool.name())));
            imported.add(pool.name());
        }
        used.stream().filter(p -> !imported.contains(p)).map(PoolRow::missing).forEach(rows::add);
        return View.page("pools", guard.session(sessionId), Map.of("pools", rows));
    }

    /** The pools that enabled rules take codes from: one of them missing or empty is worth a red line. */
    private Set<String> usedPools() {
        Set<String> pools = new TreeSet<>();
        for (ActionsLoaded.RuleActions rule : actions.current().rules()) {
            for (ActionSpec action : rule.actions()) {
                if (rule.enabled() && action.kind() == ActionKind.PROMO_CODE) {
                    pools.add(action.param("pool"));
                }
            }
        }
        return pools;
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return SignInFirst.redirect();
    }
}
