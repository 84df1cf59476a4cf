package com.truustrules.action.email;

import com.icegreen.greenmail.util.GreenMail;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Posting orders, reading jobs and finding received mails, for the end-to-end mail tests. */
@ApplicationScoped
public class MailTestSupport {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String buyer() {
        return "buyer-" + UUID.randomUUID() + "@example.com";
    }

    /** The sample order-published body for another order, buyer and buyer name. */
    static String order(String buyer, String name) {
        return order(Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L)), buyer, name);
    }

    static String order(String orderId, String buyer, String name) {
        return Payloads.read("order-published-sample").replace("8810231", orderId)
                .replace("ana.garcia@example.com", buyer).replace("Ana García", name);
    }

    /** Posts as Truust would, expecting the given status; returns the event id. */
    String post(String body, int status) {
        return Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(status)
                .extract().path("id");
    }

    /** Posts a new event, waits until the rules ran on it, and returns the outcome of the given rule. */
    String postAndEvaluate(String body, String rule) {
        String id = post(body, 202);
        Await.until("event " + id + " processed", () -> db.count(
                "SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status = 'PROCESSED'", UUID.fromString(id)) == 1);
        JsonPath event = Calls.admin().get("/api/events/" + id).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> results = event.getList("evaluations[-1].results");
        return results.stream().filter(r -> rule.equals(r.get("rule"))).map(r -> (String) r.get("outcome"))
                .findFirst().orElse("NOT_EVALUATED");
    }

    /** The email job of a firing: id, status, attempts, result; empty when the rule did not fire. */
    Map<String, Object> emailJob(String rule, String firingKey) {
        List<Map<String, Object>> rows = rows("SELECT id, status, attempts, result, idempotency_key FROM action_job "
                + "WHERE rule_id = ? AND firing_key = ? AND kind = 'email'", rule, firingKey);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    void awaitEmailJob(String rule, String firingKey, String status, int attempts) {
        Await.until("email job of " + firingKey + " " + status + " after " + attempts + " attempt(s)", () -> {
            Map<String, Object> job = emailJob(rule, firingKey);
            return status.equals(job.get("STATUS")) && ((Number) job.get("ATTEMPTS")).intValue() == attempts;
        });
    }

    /** Outcomes of the attempts at a firing's email job, in order. */
    List<String> attempts(String rule, String firingKey) {
        return rows("SELECT a.outcome FROM action_attempt a JOIN action_job j ON a.job_id = j.id WHERE j.rule_id = ? "
                + "AND j.firing_key = ? AND j.kind = 'email' ORDER BY a.attempt", rule, firingKey).stream()
                .map(row -> (String) row.get("OUTCOME")).toList();
    }

    long attemptCount(String rule, String firingKey) {
        return db.count("SELECT COUNT(*) FROM action_attempt a JOIN action_job j ON a.job_id = j.id WHERE j.rule_id = ? "
                + "AND j.firing_key = ? AND j.kind = 'email'", rule, firingKey);
    }

    int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows as maps with upper-case column names, the same on H2 and PostgreSQL. */
    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
                ResultSet rows = s.executeQuery()) {
            List<Map<String, Object>> result = new java.util.ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnLabel(i).toUpperCase(), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    /** The mails the server holds for one recipient. */
    static List<MimeMessage> mailsTo(GreenMail server, String recipient) {
        return Arrays.stream(server.getReceivedMessages()).filter(mail -> isFor(mail, recipient)).toList();
    }

    private static boolean isFor(MimeMessage mail, String recipient) {
        try {
            return Arrays.stream(mail.getAllRecipients()).anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
