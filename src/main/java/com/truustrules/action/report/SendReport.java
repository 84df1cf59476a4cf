package com.truustrules.action.report;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import com.truustrules.action.email.SendEmail;
import com.truustrules.config.TruustConfig;
import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The report action: e-mails a CSV of the firings of the day before the rule's scheduled time
 * (days in TRUUST_RULES_TIMEZONE). The day comes from the firing, not from the attempt, so a retry
 * the next morning still reports the same day.
 */
@ApplicationScoped
public class SendReport implements ActionRunner {

    static final String HEADER = "rule_id,rule_version,firing_key,event_id,fired_at\n";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SendEmail mail;

    @Inject
    TruustConfig config;

    @Override
    public ActionKind kind() {
        return ActionKind.REPORT;
    }

    @Override
    public ActionOutcome run(ActionContext context) throws Exception {
        ZoneId zone = config.rules().timezone();
        LocalDate day = firedAt(context).atZone(zone).toLocalDate().minusDays(1);
        StringBuilder csv = new StringBuilder(HEADER);
        int rows = firings(day, zone, csv);
        String text = rows + " firing(s) on " + day + " (" + zone + "), attached as CSV.\n";
        ActionContext withSubject = context.spec().containsKey("subject") ? context : withDefaultSubject(context, day);
        ActionOutcome sent = mail.sendWithAttachment(withSubject, text, "firings-" + day + ".csv", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        return sent.status() == ActionOutcome.Status.DONE
                ? ActionOutcome.done(Map.of("day", day.toString(), "firings", rows, "messageId", sent.result().get("messageId")))
                : sent;
    }

    private int firings(LocalDate day, ZoneId zone, StringBuilder csv) throws SQLException {
        List<String> lines;
        try (Connection c = dataSource.getConnection()) {
            lines = Jdbc.list(c, "SELECT rule_id, rule_version, firing_key, event_id, fired_at FROM rule_firing "
                    + "WHERE fired_at >= ? AND fired_at < ? ORDER BY fired_at, rule_id", SendReport::line,
                    day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
        }
        lines.forEach(csv::append);
        return lines.size();
    }

    private static String line(ResultSet r) throws SQLException {
        return cell(r.getString(1)) + ',' + cell(r.getString(2)) + ',' + cell(r.getString(3)) + ','
                + (r.getString(4) == null ? "" : r.getString(4)) + ',' + Jdbc.utc(Jdbc.instant(r, 5)) + '\n';
    }

    /**
     * RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. A cell
     * that a spreadsheet would read as a formula (= + - @, tab or CR first) gets a leading ' (OWASP
     * CSV injection), since firing keys come from event data.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Instant firedAt(ActionContext context) {
        return context.facts().get("firing") instanceof Map<?, ?> firing && firing.get("at") instanceof Instant at ? at : context.now();
    }

    private static ActionContext withDefaultSubject(ActionContext context, LocalDate day) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>(context.spec());
        spec.put("subject", "truust-rules: firings of " + day);
        return new ActionContext(context.jobId(), context.idempotencyKey(), context.ruleId(), context.eventId(),
                context.attempt(), spec, context.facts(), context.now(), context.sending());
    }
}
