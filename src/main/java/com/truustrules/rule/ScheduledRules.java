package com.truustrules.rule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.truustrules.action.ActionsQueued;
import com.truustrules.config.TruustConfig;
import com.truustrules.db.Jdbc;
import com.truustrules.db.Transactions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fires rules that have a 'schedule' instead of 'on'. Each scheduled time fires once across all
 * instances: the firing row's unique key (rule, "cron:" + time) is taken by exactly one of them.
 */
@ApplicationScoped
public class ScheduledRules {

    private static final Logger LOG = Logger.getLogger(ScheduledRules.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Inject
    RuleRegistry registry;

    @Inject
    FiringState firing;

    @Inject
    Transactions transactions;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<ActionsQueued> actionsQueued;

    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (Rule rule : registry.active().scheduled()) {
            try {
                fireDue(rule);
            } catch (SQLException | RuntimeException e) {
                LOG.warnf(e, "scheduled rule %s not fired this time, will retry", rule.id());
            }
        }
    }

    /** Fires the rule's latest scheduled time if it is recent and has not fired yet; true if it fired. */
    public boolean fireDue(Rule rule) throws SQLException {
        Instant now = clock.instant();
        Optional<Instant> due = latest(rule.schedule(), now);
        if (due.isEmpty() || Duration.between(due.get(), now).compareTo(config.rules().cronGrace()) > 0) {
            return false;
        }
        boolean fired;
        try {
            fired = transactions.commit(c -> firing.settleScheduled(c, rule, due.get(), now));
        } catch (SQLException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            // Another instance, or this one's own tick, inserted the same firing key between our look and
            // our insert: that time has fired, once, and this transaction was rolled back.
            return false;
        }
        if (fired) {
            LOG.infof("scheduled rule %s fired for %s", rule.id(), due.get());
            actionsQueued.fireAsync(new ActionsQueued(rule.actions().size()));
        }
        return fired;
    }

    /** The latest time at or before now that the cron expression names, in the configured zone. */
    Optional<Instant> latest(String schedule, Instant now) {
        ZonedDateTime zoned = now.atZone(config.rules().timezone());
        ExecutionTime times = ExecutionTime.forCron(CRON.parse(schedule));
        if (times.isMatch(zoned.withNano(0)) && zoned.getNano() == 0) {
            return Optional.of(zoned.toInstant());
        }
        return times.lastExecution(zoned).map(ZonedDateTime::toInstant);
    }
}
