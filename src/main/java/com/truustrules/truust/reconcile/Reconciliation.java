package com.truustrules.truust.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.common.Ids;
import com.truustrules.common.TruustIds;
import com.truustrules.config.TruustConfig;
import com.truustrules.event.EventSource;
import com.truustrules.event.EventStore;
import com.truustrules.event.EventWriter;
import com.truustrules.event.NewEvent;
import com.truustrules.event.StoredEvent;
import com.truustrules.truust.OrderStatuses;
import com.truustrules.truust.TruustApi;
import com.truustrules.truust.TruustApiConfig;
import com.truustrules.truust.TruustJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * No paid order goes unnoticed (issue 11 item 7): once per interval across instances, lists Truust's
 * orders of the lookback and, for each whose current status was announced by a notification that
 * never reached us, stores a synthetic event of that type through the normal store path (same dedup,
 * same rules, run in the storing commit). Its body is {"escrow": the order as Truust listed it,
 * "source": "reconciliation"}, so that rules read it as they read a webhook's escrow. Truust away:
 * the run fails softly, keeps what it stored, and the next one (its lookback overlaps) catches up.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    /** How long a run's row (its claim and summary) is kept: longer than any interval, short of piling up. */
    private static final Duration KEPT = Duration.ofDays(30);
    /** statuses=any: one listing without a status filter. */
    private static final String ANY = "any";

    @Inject
    TruustApiConfig config;

    @Inject
    TruustConfig service;

    @Inject
    TruustApi api;

    @Inject
    EventStore store;

    @Inject
    EventWriter writer;

    @Inject
    ReconcileRuns runs;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** An order whose current status a notification of {@code type} announces. */
    private record Missed(String orderId, String type, Map<String, Object> order) {
    }

    /** What a run has done so far: kept when it stops early. */
    private static final class Tally {
        int seen;
        int added;
    }

    /** Runs the current interval's reconciliation, unless reconciliation is off or an instance already did. */
    @Scheduled(every = "${truust.api.reconcile.tick:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void tick() {
        if (config.reconciling()) {
            run(slotOf(clock.instant()));
        }
    }

    /** The start of the interval {@code now} falls in: every instance names the current run alike. */
    Instant slotOf(Instant now) {
        long interval = Math.max(1, config.reconcile().interval().toMillis());
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), interval) * interval);
    }

    /** Runs the slot's reconciliation unless an instance already took it: its summary, or empty. */
    public Optional<RunSummary> run(Instant slot) {
        Instant started = clock.instant();
        try {
            if (!runs.claim(slot, started)) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            metrics.counter("truust.reconcile.failures").increment();
            LOG.warnf(e, "could not claim the reconciliation of %s; the next tick tries again", slot);
            return Optional.empty();
        }
        Tally tally = new Tally();
        String error = null;
        try {
            reconcile(started, tally);
        } catch (Exception e) {
            error = failed(e, tally);
        }
        RunSummary summary = new RunSummary(slot, started, clock.instant(), tally.seen, tally.added, error);
        recorded(summary);
        return Optional.of(summary);
    }

    private void reconcile(Instant now, Tally tally) throws Exception {
        Instant from = now.minus(config.reconcile().lookback());
        Set<String> listed = new HashSet<>();
        for (String status : statuses()) {
            for (int page = 1; page <= config.reconcile().maxPages(); page++) {
                TruustJson.Page found = api.orders(status, from, now, page).toCompletableFuture()
                        .get(config.reconcile().pageTimeout().toMillis(), TimeUnit.MILLISECONDS);
                store(missed(found.items(), listed, tally), now, tally);
                if (!found.more()) {
                    break;
                }
            }
        }
    }

    /** The statuses to list, each once; [null] (no filter) for "any". */
    private List<String> statuses() {
        List<String> statuses = config.reconcile().statuses().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
        return statuses.isEmpty() || statuses.stream().anyMatch(ANY::equalsIgnoreCase) ? Collections.singletonList(null) : statuses;
    }

    /** Orders not seen before in this run whose status has a notification type that no stored event has. */
    private List<Missed> missed(List<Map<String, Object>> orders, Set<String> listed, Tally tally) throws SQLException {
        List<Missed> candidates = new ArrayList<>();
        for (Map<String, Object> order : orders) {
            String id = TruustJson.id(order.get("id"));
            if (!TruustIds.isId(id) || !listed.add(id)) {
                continue;
            }
            tally.seen++;
            OrderStatuses.notificationType(order.get("status")).ifPresent(type -> candidates.add(new Missed(id, type, order)));
        }
        Set<String> received = store.received(candidates.stream().map(Missed::orderId).toList());
        return candidates.stream().filter(m -> !received.contains(m.orderId() + "\n" + m.type())).toList();
    }

    /** Through the event writer, like a webhook: the storing transaction has the last word on duplicates. */
    private void store(List<Missed> missed, Instant now, Tally tally) throws Exception {
        List<CompletableFuture<StoredEvent>> pending = new ArrayList<>();
        for (Missed order : missed) {
            pending.add(writer.submit(event(order, now)));
        }
        for (int i = 0; i < pending.size(); i++) {
            StoredEvent stored = pending.get(i).get(service.storage().commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!stored.duplicate()) {
                tally.added++;
                LOG.infof("reconciliation: order %s is %s but no %s had come; stored event %s", missed.get(i).orderId(),
                        missed.get(i).order().get("status"), stored.type(), stored.id());
            }
        }
    }

    /** A synthetic event: its dedup key names order and type only, so two runs or instances store it once. */
    private NewEvent event(Missed order, Instant now) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("escrow", order.order());
        body.put("source", EventSource.RECONCILIATION.column());
        return new NewEvent(Ids.newId(), order.type(), "reconcile:" + order.type() + ":" + order.orderId(), now, null, "{}",
                json.writeValueAsString(body), order.orderId(), EventSource.RECONCILIATION);
    }

    private String failed(Exception e, Tally tally) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException || e instanceof CompletionException ? e.getCause() : e;
        String reason = cause instanceof TimeoutException ? "no answer in time (" + cause.getClass().getSimpleName() + ")"
                : String.valueOf(cause);
        if (TruustApi.isAway(cause)) {
            LOG.warnf("reconciliation stopped after %d order(s), %d event(s) added: Truust is away (%s); the next run catches up",
                    tally.seen, tally.added, reason);
        } else {
            LOG.warnf(cause, "reconciliation stopped after %d order(s), %d event(s) added; the next run catches up", tally.seen,
                    tally.added);
        }
        return reason;
    }

    private void recorded(RunSummary run) {
        metrics.counter("truust.reconcile.runs").increment();
        metrics.counter("truust.reconcile.orders.seen").increment(run.ordersSeen());
        metrics.counter("truust.reconcile.events.added").increment(run.eventsAdded());
        metrics.counter("truust.reconcile.failures").increment(run.error() == null ? 0 : 1);
        try {
            runs.finish(run);
            runs.forgetBefore(run.startedAt().minus(KEPT));
        } catch (SQLException e) {
            LOG.warnf(e, "could not record the reconciliation of %s (its events are stored)", run.slot());
        }
    }
}
