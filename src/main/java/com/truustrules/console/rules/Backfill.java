package com.truustrules.console.rules;

import com.truustrules.console.events.EventSearch;
import com.truustrules.console.events.Times;
import com.truustrules.event.EventProcessor;
import com.truustrules.common.EventFacts;
import com.truustrules.rule.Evaluation;
import com.truustrules.rule.FiringState;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleEngine;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.rule.RuleSet;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one rule over the stored events of a time range. The preview evaluates and reads firing
 * state only; apply replays each event with that rule alone, so once-per, limit and the per-event
 * firing key keep its actions effectively once, as for any firing.
 */
@ApplicationScoped
public class Backfill {

    /** Most events one preview or apply covers; the page says when the range holds more. */
    public static final int MAX_EVENTS = 1000;
    private static final int SAMPLE = 20;

    /** What a preview found. */
    public record Preview(int events, int wouldFire, boolean more, List<BackfillSample> sample) {
    }

    /** What an apply did. */
    public record Applied(int events, int fired, int failed, boolean more) {
    }

    record Stored(UUID id, String type, Instant receivedAt, String body) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FiringState firing;

    @Inject
    RuleRegistry registry;

    @Inject
    EventProcessor processor;

    @Inject
    EventSearch search;

    @Inject
    Clock clock;

    public Preview preview(Rule rule, Instant since, Instant until) throws SQLException {
        RuleSet rules = registry.active();
        List<BackfillSample> sample = new ArrayList<>();
        int wouldFire = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<Stored> events = events(c, rule, since, until);
            for (Stored e : events.subList(0, Math.min(events.size(), MAX_EVENTS))) {
                Evaluation outcome = evaluate(c, rules, rule, e);
                if (outcome.outcome() == Evaluation.Outcome.MATCHED) {
                    wouldFire++;
                }
                if (sample.size() < SAMPLE) {
                    sample.add(sample(e, outcome));
                }
            }
            return new Preview(Math.min(events.size(), MAX_EVENTS), wouldFire, events.size() > MAX_EVENTS, sample);
        }
    }

    public Applied apply(Rule rule, Instant since, Instant until) throws SQLException {
        List<Stored> events;
        try (Connection c = dataSource.getConnection()) {
            events = events(c, rule, since, until);
        }
        int fired = 0;
        int failed = 0;
        for (Stored e : events.subList(0, Math.min(events.size(), MAX_EVENTS))) {
            var replayed = processor.replay(e.id(), rule.id());
            fired += replayed.map(r -> (int) r.evaluations().stream()
                    .filter(ev -> ev instanceof Evaluation run && run.outcome() == Evaluation.Outcome.FIRED).count()).orElse(0);
            failed += replayed.filter(r -> r.error() != null).isPresent() ? 1 : 0;
        }
        return new Applied(Math.min(events.size(), MAX_EVENTS), fired, failed, events.size() > MAX_EVENTS);
    }

    private Evaluation evaluate(Connection c, RuleSet rules, Rule rule, Stored e) throws SQLException {
        Instant now = clock.instant();
        Map<String, Object> facts = EventFacts.of(e.id().toString(), e.type(), e.receivedAt(), e.body(), rules.offerFacts(), now);
        Evaluation evaluation = RuleEngine.evaluate(rule, facts);
        return evaluation.outcome() == Evaluation.Outcome.MATCHED ? firing.preview(c, rule, evaluation, e.id()) : evaluation;
    }

    private BackfillSample sample(Stored e, Evaluation outcome) {
        return new BackfillSample(e.id().toString(), Times.text(e.receivedAt()), search.orderId(e.body()),
                outcome.oncePer() == null ? "" : outcome.oncePer(), outcome.outcome().name(),
                outcome.reason() == null ? "" : outcome.reason());
    }

    /**
     * Processed events of the rule's types in the range, oldest first, one more than the bound so the
     * page can say there are more. RECEIVED ones are left to the processor and FAILED ones to a full
     * Replay: a run of one rule must not mark an event processed while another rule still fails on it.
     */
    private static List<Stored> events(Connection c, Rule rule, Instant since, Instant until) throws SQLException {
        List<String> types = rule.on().contains(Rule.ANY_TYPE) ? List.of() : List.copyOf(rule.on());
        String typeClause = types.isEmpty() ? "" : " AND type IN (" + String.join(",", Collections.nCopies(types.size(), "?")) + ")";
        try (PreparedStatement s = c.prepareStatement("SELECT id, type, received_at, body FROM inbound_event "
                + "WHERE received_at >= ? AND received_at < ? AND status = 'PROCESSED'" + typeClause
                + " ORDER BY seq FETCH FIRST ? ROWS ONLY")) {
            int i = 1;
            s.setObject(i++, since.atOffset(ZoneOffset.UTC));
            s.setObject(i++, until.atOffset(ZoneOffset.UTC));
            for (String type : types) {
                s.setString(i++, type);
            }
            s.setInt(i, MAX_EVENTS + 1);
            List<Stored> events = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new Stored(r.getObject(1, UUID.class), r.getString(2),
                            r.getObject(3, OffsetDateTime.class).toInstant(), r.getString(4)));
                }
            }
            return events;
        }
    }
}
