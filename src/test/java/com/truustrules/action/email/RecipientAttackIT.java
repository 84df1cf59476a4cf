package com.truustrules.action.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.ItConfig;
import com.truustrules.support.Payloads;
import com.truustrules.support.TempFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recipient attacks against the packaged application, HTTP only: webhooks whose buyer_email is a
 * list, a group, a display name, a comment or carries a line break. The sample promo (email(x)) does
 * not match them; a promo written with lower(x) fires, but its promo-code job is DEAD before it takes
 * a code, with the reason in /api/actions. The mail sink (GreenMail in this JVM) gets nothing for
 * them, and the pools' remaining codes (/q/health) do not move.
 */
@QuarkusIntegrationTest
@WithTestResource(RecipientAttackIT.Setup.class)
class RecipientAttackIT {

    static final String SAMPLE = "first-day-buyers";
    /** Generous: the packaged application shares a busy machine. */
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String NAIVE = "naive-promo";
    static final List<String> ATTACKS = List.of("%s, a1@evil.example, a2@evil.example", "undisclosed: %s, g1@evil.example;",
            "%s,a1@evil.example ", "%s\r\nBcc: a1@evil.example", "Victim <a1@evil.example>, %s", "%s (a1@evil.example)",
            "\"a1@evil.example\"@example.com");

    /**
     * The build's rules folder: the sample promo with its pool and template, its offer window open now
     * (the packaged application runs on the real clock), the same promo keyed by lower(), and a mail sink.
     */
    public static class Setup implements QuarkusTestResourceLifecycleManager {
        static GreenMail sink;
        private final ItConfig base = new ItConfig();

        @Override
        public Map<String, String> start() {
            sink = new GreenMail(new ServerSetup(MailTestSupport.freePort(), "127.0.0.1", "smtp"));
            sink.start();
            Map<String, String> config = new HashMap<>(base.start());
            config.put("truust.rules.dir", rules().toString());
            config.put("truust.mail.smtp.host", "127.0.0.1");
            config.put("truust.mail.smtp.port", Integer.toString(sink.getSmtp().getPort()));
            config.put("truust.mail.smtp.timeout", "PT5S");
            config.put("truust.actions.backoff-initial", "PT0.2S");
            config.put("truust.actions.backoff-max", "PT1S");
            return config;
        }

        @Override
        public void stop() {
            sink.stop();
            base.stop();
        }

        private static Path rules() {
            Path dir = TempFiles.dir("recipient-attack-it");
            for (String file : List.of("first-day-buyers.yaml", "pools/BF2026.txt", "templates/promo-thanks.html")) {
                TempFiles.write(dir, file, TempFiles.read(Path.of("rules", file)));
            }
            Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            TempFiles.write(dir, "offers.yaml", "offers:\n  black-friday:\n    start: " + start + "\n    end: "
                    + start.plus(3, ChronoUnit.DAYS) + "\n");
            TempFiles.write(dir, "pools/NAIVE.txt", "NAIVE-1\nNAIVE-2\nNAIVE-3\nNAIVE-4\n");
            TempFiles.write(dir, NAIVE + ".yaml", TempFiles.read(Path.of("src/test/resources/recipient-attack/naive-promo.yaml")));
            return dir;
        }
    }

    @Test
    void attackAddressesMailNoOneAndTakeNoCode() {
        awaitQuiet();
        long sampleCodes = remaining("BF2026");
        long naiveCodes = remaining("NAIVE");
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        for (String attack : ATTACKS) {
            String buyer = attack.formatted(victim);
            String event = postOrder(buyer);
            assertEquals(Map.of(SAMPLE, "NOT_MATCHED", NAIVE, "FIRED"), outcomes(event), buyer);
            Map<String, Object> promo = awaitDeadPromoJob(event);
            String error = String.valueOf(promo.get("lastError"));
            assertTrue(error.startsWith("not run: the firing's email (action index 1) can never be sent: invalid address: "
                    + "'to' {escrow.metadata.buyer_email} '"), error);
            assertTrue(promo.get("result") == null, "no code: " + promo.get("result"));
        }
        assertEquals(sampleCodes, remaining("BF2026"));
        assertEquals(naiveCodes, remaining("NAIVE"));
        assertEquals(List.of(), recipients(victim), "nobody got a mail");
    }

    @Test
    void theVictimGetsOneCodeOnceAndADressedUpRepeatGetsNone() {
        awaitQuiet();
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        assertEquals(SAMPLE + " FIRED", SAMPLE + " " + outcomes(postOrder(victim)).get(SAMPLE));
        Await.until("the victim's promo mail", WAIT, () -> sampleMails(victim) == 1);
        long codes = remaining("BF2026");

        for (String repeat : List.of("%s,a1@evil.example ", " %s ", "%s\r\n")) {
            String outcome = outcomes(postOrder(repeat.formatted(victim.toUpperCase(Locale.ROOT)))).get(SAMPLE);
            assertTrue(List.of("NOT_MATCHED", "ALREADY_FIRED").contains(outcome), repeat + ": " + outcome);
        }
        assertEquals(codes, remaining("BF2026"));
        assertEquals(1, sampleMails(victim));
        awaitQuiet();
        assertEquals(1, sampleMails(victim));
        assertTrue(recipients(victim).stream().noneMatch(address -> address.contains("evil.example")), recipients(victim)::toString);
    }

    /** The pools are imported and no job is pending or running, so the pools' counts stand still. */
    private static void awaitQuiet() {
        Await.until("pools imported and no job pending or running", WAIT, () -> remaining("BF2026") > 0
                && Stream.of("pending", "running").allMatch(status -> Calls.admin().queryParam("status", status)
                        .get("/api/actions").then().statusCode(200).extract().jsonPath().getList("items").isEmpty()));
    }

    /** Posts an order paid by this buyer (any text); returns the event id. */
    private static String postOrder(String buyer) {
        String order = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
        String body = Payloads.read("order-published-sample").replace("8810231", order)
                .replace("ana.garcia@example.com", ReceivedMail.json(buyer));
        return Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202).extract().path("id");
    }

    /** Each rule's outcome once the event is processed. */
    private static Map<String, String> outcomes(String event) {
        Await.until("event " + event + " processed", WAIT, () -> "PROCESSED".equals(
                Calls.admin().get("/api/events/" + event).then().statusCode(200).extract().path("status")));
        JsonPath detail = Calls.admin().get("/api/events/" + event).then().statusCode(200).extract().jsonPath();
        Map<String, String> outcomes = new HashMap<>();
        for (Map<String, Object> result : detail.<Map<String, Object>>getList("evaluations[-1].results")) {
            outcomes.put((String) result.get("rule"), (String) result.get("outcome"));
        }
        return outcomes;
    }

    private static Map<String, Object> awaitDeadPromoJob(String event) {
        Await.until("the naive promo-code job of " + event + " dead", WAIT, () -> deadPromoJob(event) != null);
        return deadPromoJob(event);
    }

    private static Map<String, Object> deadPromoJob(String event) {
        List<Map<String, Object>> jobs = Calls.admin().queryParam("status", "dead").queryParam("limit", 1000).get("/api/actions")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return jobs.stream().filter(job -> event.equals(job.get("eventId")) && "promo-code".equals(job.get("kind")))
                .findFirst().orElse(null);
    }

    /** The codes a pool has left, as /q/health reports them. */
    private static long remaining(String pool) {
        List<Map<String, Object>> checks = Calls.admin().get("/q/health").then().extract().jsonPath().getList("checks");
        Map<String, Object> data = checks.stream().filter(check -> "promo-pools".equals(check.get("name")))
                .map(check -> (Map<String, Object>) check.get("data")).findFirst().orElseThrow();
        return ((Number) data.get("remaining." + pool)).longValue();
    }

    private static long sampleMails(String victim) {
        return Arrays.stream(Setup.sink.getReceivedMessages())
                .filter(mail -> ReceivedMail.subject(mail).startsWith("Thank you! Your code: "))
                .filter(mail -> ReceivedMail.all(mail).anyMatch(address -> address.equalsIgnoreCase(victim))).count();
    }

    /** The recipients of every received mail that names this victim (any case) or the attacker. */
    private static List<String> recipients(String victim) {
        return Arrays.stream(Setup.sink.getReceivedMessages()).flatMap(ReceivedMail::all)
                .filter(address -> address.toLowerCase(Locale.ROOT).contains(victim) || address.contains("evil.example")).toList();
    }
}
