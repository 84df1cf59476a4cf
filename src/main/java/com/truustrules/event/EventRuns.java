package com.truustrules.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.common.Failures;
import com.truustrules.common.Ids;
import com.truustrules.config.TruustConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One event's rule run inside a transaction someone else holds: in a savepoint of its own, through
 * {@link InCommitProcessing}, with its evaluations and its outcome written on the event (PROCESSED,
 * RECEIVED again after a doubling backoff, FAILED, or held: PENDING or UNCONFIRMED). Whatever the run
 * throws stays with its event.
 */
@ApplicationScoped
public class EventRuns {

    private static final Logger LOG = Logger.getLogger(EventRuns.class);

    @Inject
    InCommitProcessing processing;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    /** Where a run comes from: a new event in its storing transaction, a claimed one, a person's replay. */
    enum Mode {
        NEW, CLAIMED, REPLAY
    }

    /**
     * What runs on a batch did: events processed, events left RECEIVED (failed or not tried), rules
     * fired, events held (PENDING or UNCONFIRMED, no rule ran).
     */
    public record Batch(int processed, int left, int fired, int held) {
        public Batch(int processed, int left, int fired) {
            this(processed, left, fired, 0);
        }

        /** Nothing was tried: the events stay RECEIVED for the claiming processor. */
        public static Batch left(int events) {
            return new Batch(0, events, 0);
        }

        /** Every event the batch tried. */
        public int events() {
            return processed + left + held;
        }
    }

    /**
     * One event's run: its evaluations, the rules it fired, why it failed (null: it did not), and why
     * no rule ran (null: they ran).
     */
    record Run(List<?> evaluations, int fired, String failure, InCommitProcessing.Held held) {
        Run(List<?> evaluations, int fired, String failure) {
            this(evaluations, fired, failure, null);
        }

        boolean failed() {
            return failure != null;
        }

        /** The status the run leaves on the event. */
        EventStatus status() {
            if (held instanceof InCommitProcessing.Pending) {
                return EventStatus.PENDING;
            }
            if (held instanceof InCommitProcessing.Unconfirmed) {
                return EventStatus.UNCONFIRMED;
            }
            return failed() ? EventStatus.FAILED : EventStatus.PROCESSED;
        }

        /** Why it failed, or why no rule ran; null when the rules ran fine. */
        String error() {
            return failure != null ? failure : held != null ? held.reason() : null;
        }
    }

    /** Runs every event of a batch, each in its own savepoint, so one event's failure never holds back the others. */
    Batch runAll(Connection c, List<EventRecord> events, Mode mode) throws SQLException {
        int fired = 0;
        int failed = 0;
        int held = 0;
        for (EventRecord event : events) {
            Run run = run(c, event, mode);
            fired += run.fired();
            failed += run.failed() ? 1 : 0;
            held += run.held() != null ? 1 : 0;
        }
        return new Batch(events.size() - failed - held, failed, fired, held);
    }

    /** After the transaction of runs committed: counts, and tells the processing what is due now. */
    void committed(Batch batch) {
        if (batch.processed() > 0) {
            metrics.counter("truust.events.processed").increment(batch.processed());
        }
        processing.committed(batch.fired());
    }

    /** One event's run inside its own savepoint, and its outcome written on the event. */
    Run run(Connection c, EventRecord event, Mode mode) throws SQLException {
        return run(c, event, mode, null);
    }

    /** As {@link #run(Connection, EventRecord, Mode)} with one rule only ({@code onlyRule}; null: every rule). */
    Run run(Connection c, EventRecord event, Mode mode, String onlyRule) throws SQLException {
        Instant now = clock.instant();
        Savepoint start = c.setSavepoint();
        Run run;
        try {
            InCommitProcessing.Outcome outcome = processing.process(c, event, mode == Mode.NEW, now, onlyRule,
                    mode == Mode.REPLAY);
            if (outcome.held() == null) {
                EventRows.recordEvaluations(c, Ids.newId(), event.id(), now, outcome.version(), toJson(outcome.evaluations()));
                if (!outcome.kept().isEmpty()) {
                    EventRows.saveEnrichment(c, event.id(), toJson(outcome.kept()));
                }
            }
            run = new Run(outcome.evaluations(), outcome.fired(), outcome.failure() == null ? null : Failures.clip(outcome.failure()),
                    outcome.held());
        } catch (Throwable e) {
            // Even an Error (a stack overflow in a rule) stays with this event: its savepoint undoes its writes.
            c.rollback(start);
            LOG.errorf(e, "the rules could not run on event %s (%s)", event.id(), event.type());
            run = new Run(List.of(), 0, Failures.clip("the rules could not run: " + Failures.describe(e)));
        }
        c.releaseSavepoint(start);
        record(c, event, run, mode, now);
        return run;
    }

    /** Writes the run's outcome on the event: PROCESSED, RECEIVED again after a backoff, FAILED, PENDING or UNCONFIRMED. */
    private void record(Connection c, EventRecord event, Run run, Mode mode, Instant now) throws SQLException {
        if (run.held() instanceof InCommitProcessing.Pending pending) {
            EventRows.markPending(c, event.id(), event.attempts(), Failures.clip(pending.reason()), pending.retryAt());
            return;
        }
        if (run.held() instanceof InCommitProcessing.Unconfirmed unconfirmed) {
            EventRows.markUnconfirmed(c, event.id(), event.attempts(), Failures.clip(unconfirmed.reason()));
            LOG.warnf("event %s (%s) is UNCONFIRMED, no rule ran: %s", event.id(), event.type(), unconfirmed.reason());
            return;
        }
        if (!run.failed()) {
            if (mode != Mode.NEW) {
                EventRows.markProcessed(c, event.id(), now);
            }
            return;
        }
        int attempts = event.attempts() + 1;
        boolean last = mode == Mode.REPLAY || attempts >= config.processor().maxAttempts();
        EventRows.markRunFailed(c, event.id(), attempts, run.failure(), last ? null : now.plus(backoff(attempts)));
        metrics.counter("truust.events.run.failures").increment();
        if (last) {
            metrics.counter("truust.events.failed").increment();
        }
        LOG.warnf("rule run %d of event %s failed%s: %s", attempts, event.id(),
                last ? ", event marked FAILED until replayed" : ", will try again", run.failure());
    }

    /** The retry backoff, doubled per further run, at most 64 times the first. */
    private Duration backoff(int attempts) {
        return config.processor().retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 6));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluations or facts are not serialisable", e);
        }
    }
}
