package com.truustrules.console;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import com.truustrules.support.TempFiles;
import com.truustrules.truust.FakeTruustServer;
import com.truustrules.truust.fake.FakeTruust;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The console in a real browser: what an ops person does on a bad morning, click by click. */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.Console.class)
class ConsoleBrowserTest {

    /**
     * Two rules (one mails the buyer, one needs a big order), an SMTP server that can go down, short
     * retries; a promo pool handed out on order.released, and a rule reading Truust's order and buyer
     * (a fake Truust API, confirmation off so that the other tests' made-up order ids still run).
     */
    public static class Console implements QuarkusTestProfile {
        static final int SMTP_PORT = freePort();
        static final Path RULES = TempFiles.dir("truust-console-rules");
        static final FakeTruustServer TRUUST = FakeTruustServer.start();

        @Override
        public Map<String, String> getConfigOverrides() {
            TempFiles.write(RULES, "thank-buyer.yaml", "id: thank-buyer\non: [order.published]\n"
                    + "when: escrow.metadata.buyer_email != null\nactions:\n  - email:\n"
                    + "      to: \"{escrow.metadata.buyer_email}\"\n      subject: \"Thank you for order {escrow.id}\"\n"
                    + "      template: thanks\n");
            TempFiles.write(RULES, "big-orders.yaml", "id: big-orders\non: [order.published]\n"
                    + "when: decimal(escrow.amount) >= 1000\nactions:\n  - log: { message: \"big order {escrow.id}\" }\n");
            TempFiles.write(RULES, "templates/thanks.html", "<p>Thank you, {escrow.metadata.buyer_name}.</p>\n");
            TempFiles.write(RULES, "spring-codes.yaml", "id: spring-codes\non: [order.released]\n"
                    + "when: escrow.id != null\nactions:\n  - promo-code: { pool: SPRING }\n");
            TempFiles.write(RULES, "pools/SPRING.txt", "SPRING-A\nSPRING-B\nSPRING-C\n");
            TempFiles.write(RULES, "pools/SPARE.txt", "SPARE-A\nSPARE-B\n");
            TempFiles.write(RULES, "cancelled-facts.yaml", "id: cancelled-facts\non: [order.cancelled]\n"
                    + "when: order.name != null\nactions:\n  - log: { message: \"cancelled {order.name} of {buyer.email}\" }\n");
            return Map.ofEntries(Map.entry("truust.rules.dir", RULES.toString()),
                    Map.entry("truust.mail.smtp.host", "127.0.0.1"),
                    Map.entry("truust.mail.smtp.port", Integer.toString(SMTP_PORT)),
                    Map.entry("truust.mail.smtp.timeout", "PT2S"),
                    Map.entry("truust.mail.from", "Shop <shop@shop.example>"),
                    Map.entry("truust.actions.max-attempts", "2"),
                    Map.entry("truust.actions.backoff-initial", "PT0.2S"),
                    Map.entry("truust.actions.backoff-max", "PT0.5S"),
                    Map.entry("truust.api.url", TRUUST.url()),
                    Map.entry("truust.api.key", FakeTruust.KEY),
                    Map.entry("truust.api.timeout", "PT1S"),
                    Map.entry("truust.api.confirm", "false"));
        }
    }

    static GreenMail SMTP = smtp();
    static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        SMTP.stop();
    }

    @BeforeEach
    void signedIn() {
        if (!SMTP.isRunning()) {
            SMTP = smtp();
            SMTP.start();
        }
        browser.signIn(Calls.ADMIN_TOKEN);
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneOpensTheEventList() {
        browser.submit("form.sign-out button");
        browser.open("/console/events");
        assertThat(browser.driver.getCurrentUrl(), containsString("/console/sign-in"));
        browser.type("#token", "not-the-token");
        browser.screenshot("sign-in");
        browser.submit("#sign-in");
        assertEquals("That is not the admin token.", browser.find("#message").getText());
        browser.type("#token", Calls.ADMIN_TOKEN);
        browser.submit("#sign-in");
        assertThat(browser.driver.getCurrentUrl(), containsString("/console/events"));
        assertEquals("Events", browser.find("h1").getText());
    }

    @Test
    void findsAnEventByOrderIdAndByEmail() {
        String buyer = "marta." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = post(order("83000001", buyer, "149.9", "Marta"));
        post(order("83000002", "someone.else@example.com", "20", "Other"));
        awaitProcessed(id);

        search("83000001");
        List<WebElement> rows = browser.all("tr.event-row");
        assertEquals(1, rows.size());
        assertEquals("83000001", rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".order")).getText());
        assertEquals("thank-buyer", rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".fired")).getText());

        search(buyer.toUpperCase(java.util.Locale.ROOT));
        rows = browser.all("tr.event-row");
        assertEquals(1, rows.size());
        assertEquals("83000001", rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".order")).getText());
        browser.open("/console/events");
        browser.screenshot("events");
    }

    @Test
    void showsWhyARuleDidNotFireAndReplays() {
        String id = post(order("83000010", "luis@example.com", "149.9", "Luis"));
        awaitProcessed(id);
        browser.open("/console/events/" + id);
        WebElement big = browser.find("tr.evaluation[data-rule='big-orders']");
        assertEquals("NOT_MATCHED", big.findElement(org.openqa.selenium.By.cssSelector(".outcome")).getText());
        assertThat(big.findElement(org.openqa.selenium.By.cssSelector(".read")).getText(), containsString("149.9"));
        WebElement thank = browser.find("tr.evaluation[data-rule='thank-buyer']");
        assertEquals("FIRED", thank.findElement(org.openqa.selenium.By.cssSelector(".outcome")).getText());
        browser.screenshot("event");

        browser.submit("#replay");
        assertThat(browser.find("#message").getText(), containsString("Replayed"));
        assertEquals(2, browser.all("table.evaluations").size(), "the replay's run is listed with the first");
        assertEquals(1, browser.all("table.jobs tr.job").size(), "the replay queued no second e-mail");
    }

    @Test
    void retriesEveryDeadJobAfterAnSmtpOutage() {
        SMTP.stop();
        String first = "outage1." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String second = "outage2." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        post(order("83000021", first, "30", "Ana"));
        post(order("83000022", second, "40", "Bea"));
        Await.until("both mails dead", Duration.ofSeconds(30), () -> deadMailJobs() >= 2);
        SMTP = smtp();
        SMTP.start();

        browser.open("/console/actions?state=DEAD&rule=thank-buyer");
        assertTrue(browser.all("table.jobs tr.job").size() >= 2);
        assertTrue(!browser.find("table.jobs tr.job .error").getText().isBlank(), "the last error is shown");
        browser.screenshot("actions");
        browser.find("#retry-all").click();
        browser.driver.switchTo().alert().accept();
        assertThat(browser.find("#message").getText(), containsString("Re-queued 2 job(s); 0 could not be"));
        Await.until("both mails sent", Duration.ofSeconds(30), () -> mailsTo(first) == 1 && mailsTo(second) == 1);
        assertEquals(0, deadMailJobs());
    }

    @Test
    void htmlAndScriptInAWebhookRenderAsText() {
        String script = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
        String id = post(order("<b>83000031</b>", "eve@example.com", "10", script));
        awaitProcessed(id);
        browser.open("/console/events?q=83000031");
        assertEquals("<b>83000031</b>", browser.find("tr.event-row .order").getText());
        assertTrue(browser.all("tr.event-row .order b").isEmpty());
        browser.open("/console/events/" + id);
        assertThat(browser.find("#body").getText(), containsString(script.replace("\"", "\\\"")));
        assertTrue(browser.all("#body script, #body img, #body b").isEmpty());
        assertEquals(Boolean.TRUE, browser.driver.executeScript("return window.pwned === undefined"));
    }

    @Test
    void showsEachPoolsStockAndWhenItRunsOut() {
        Calls.truust().header("webhook-id", UUID.randomUUID().toString()).body(Payloads.read("order-released-sample"))
                .post("/webhooks/truust/order-released").then().statusCode(202);
        Await.until("a SPRING code taken", Duration.ofSeconds(30), () -> {
            browser.open("/console/pools");
            return "1".equals(browser.find("tr.pool[data-pool='SPRING'] .taken").getText());
        });
        WebElement spring = browser.find("tr.pool[data-pool='SPRING']");
        assertEquals("2", spring.findElement(By.cssSelector(".left")).getText());
        assertEquals("1", spring.findElement(By.cssSelector(".last-hour")).getText());
        assertThat(spring.findElement(By.cssSelector(".runs-out")).getText(),
                matchesPattern("in 2 h 0 min \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)"));
        WebElement spare = browser.find("tr.pool[data-pool='SPARE']");
        assertEquals("2", spare.findElement(By.cssSelector(".left")).getText());
        assertEquals("0", spare.findElement(By.cssSelector(".taken")).getText());
        assertEquals("never at this rate", spare.findElement(By.cssSelector(".runs-out")).getText());
        browser.screenshot("pools");
    }

    @Test
    void theOverviewChartsTheLastSevenDays() {
        String buyer = "chart." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        post(order("83000061", buyer, "1500", "Chart"));
        Await.until("the mail sent", Duration.ofSeconds(30), () -> mailsTo(buyer) == 1);
        Await.until("its job done", Duration.ofSeconds(10), () -> doneJobs("thank-buyer") > 0);
        browser.open("/console");
        assertEquals("Overview", browser.find("header nav a[href='/console/overview']").getText());
        browser.open("/console/overview");
        assertEquals("Overview", browser.find("h1").getText());
        assertTrue(!browser.all("#events-chart rect[data-series='order.published']").isEmpty(), "a bar for the hour");
        assertThat(browser.find("#events-chart + .legend").getText(), containsString("order.published"));
        assertTrue(Integer.parseInt(browser.find("#firings-chart g.bar[data-label='thank-buyer'] .bar-value").getText()) >= 1);
        assertTrue(Integer.parseInt(browser.find("#firings-chart g.bar[data-label='big-orders'] .bar-value").getText()) >= 1);
        assertTrue(Integer.parseInt(browser.find("#outcomes-chart g.bar[data-label='done'] .bar-value").getText()) >= 1);
        assertThat(browser.find("#latency-p50").getText(), matchesPattern("\\d+ m?s"));
        assertThat(browser.find("#latency-p99").getText(), matchesPattern("\\d+ m?s"));
        assertEquals(2, browser.all("#latency-chart polyline").size());
        assertEquals(Boolean.TRUE, browser.driver.executeScript("return document.querySelector('script:not([src])') === null"));
        browser.screenshot("overview");
    }

    @Test
    void aNewEventAppearsWithoutAReloadAndItsHtmlStaysText() {
        browser.open("/console/events");
        browser.driver.executeScript("window.notReloaded = true");
        String id = post(order("<i>83000071</i>", "live@example.com", "12", "<script>window.pwned=3</script>"));
        WebElement row = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.cssSelector("tr.event-row.new a[href='/console/events/" + id + "']")))
                .findElement(By.xpath("./ancestor::tr"));
        assertEquals("<i>83000071</i>", row.findElement(By.cssSelector(".order")).getText());
        assertTrue(browser.all("tr.event-row .order i").isEmpty());
        assertEquals(Boolean.TRUE, browser.driver.executeScript("return window.notReloaded === true"), "no reload");
        assertThat(browser.find("#live").getText(), containsString("new event(s)"));
        assertEquals(Boolean.TRUE, browser.driver.executeScript("return window.pwned === undefined"));
        assertEquals(1, browser.all("tr.event-row a[href='/console/events/" + id + "']").size(), "shown once");
    }

    @Test
    void theFilteredListDoesNotPoll() {
        browser.open("/console/events?type=order.published");
        assertTrue(browser.all("table#events[data-live-after]").isEmpty());
        browser.open("/console/events");
        assertEquals(1, browser.all("table#events[data-live-after]").size());
    }

    @Test
    void aSampleWebhookButtonPostsThroughTheWebhookAndTheEventShowsTruustsFacts() {
        browser.open("/console/events");
        browser.submit("#sample-order-cancelled");
        assertThat(browser.find("#message").getText(),
                containsString("Sent the sample order-cancelled to /webhooks/truust/order-cancelled: HTTP 202"));
        WebElement row = browser.find("tr.event-row");
        assertEquals("8810240", row.findElement(By.cssSelector(".order")).getText());
        String href = row.findElement(By.cssSelector("a")).getAttribute("href");
        // The rule reads Truust's order: the event waits (PENDING) until the API has answered.
        awaitProcessed(href.substring(href.lastIndexOf('/') + 1));
        browser.driver.get(href);
        assertEquals("ENRICHED", browser.find("#enrichment").getAttribute("data-state"));
        assertThat(browser.find("#enrichment-verdict").getText(), containsString("Read from Truust's API"));
        assertThat(browser.find("#enrichment pre[data-fact='order']").getText(), containsString("Concert tickets x2"));
        assertThat(browser.find("#enrichment pre[data-fact='buyer']").getText(), containsString("cus_jo"));
        assertEquals("FIRED", browser.find("tr.evaluation[data-rule='cancelled-facts'] .outcome").getText());
        browser.screenshot("event-truust-facts");
    }

    @Test
    void truustsFactsWithHtmlRenderAsText() {
        String script = "<script>window.pwned=4</script><b>Sofa</b>";
        Map<String, Object> order = new java.util.LinkedHashMap<>();
        order.put("id", 8810777L);
        order.put("public_id", "pub_8810777");
        order.put("name", script);
        order.put("value", "10.00");
        order.put("currency", "EUR");
        order.put("amount", "10.00 €");
        order.put("status", "CANCELLED");
        order.put("buyer_id", "cus_ana");
        order.put("seller_id", "cus_shop");
        order.put("created_at", "2026-11-26T18:00:00Z");
        order.put("published_at", "2026-11-27T09:30:00Z");
        Console.TRUUST.fake().putOrder(order);
        String id = Calls.truust().header("webhook-id", UUID.randomUUID().toString())
                .body(Payloads.read("order-cancelled-sample").replace("8810240", "8810777"))
                .post("/webhooks/truust/order-cancelled").then().statusCode(202).extract().path("id");
        awaitProcessed(id);
        browser.open("/console/events/" + id);
        assertThat(browser.find("#enrichment pre[data-fact='order']").getText(), containsString(script));
        assertTrue(browser.all("#enrichment script, #enrichment b").isEmpty());
        assertEquals(Boolean.TRUE, browser.driver.executeScript("return window.pwned === undefined"));
    }

    private static GreenMail smtp() {
        return new GreenMail(new ServerSetup(Console.SMTP_PORT, "127.0.0.1", "smtp"));
    }

    @Test
    void triesAPayloadWithoutRunningAnything() {
        browser.open("/console/rules");
        assertEquals("big-orders", browser.find("tr.rule[data-rule='big-orders'] td").getText());
        new org.openqa.selenium.support.ui.Select(browser.find("#try-type")).selectByValue("order.published");
        browser.driver.executeScript("arguments[0].value = arguments[1]", browser.find("#try-body"),
                order("83000041", "try@example.com", "2500", "Try"));
        browser.submit("#try-run");
        WebElement big = browser.find("#dry-run tr.evaluation[data-rule='big-orders']");
        assertEquals("MATCHED", big.findElement(org.openqa.selenium.By.cssSelector(".outcome")).getText());
        assertThat(big.findElement(org.openqa.selenium.By.cssSelector(".read")).getText(), containsString("2500"));
        browser.screenshot("rules");
        assertEquals(0L, mailsTo("try@example.com"), "a dry run sends nothing");
    }

    @Test
    void backfillsANewRuleOverStoredEventsOnce() {
        // Events of earlier tests may share the range; only this one is big enough for the rule.
        java.time.Instant start = java.time.Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String vip = post(order("83000051", "vip@example.com", "7000", "Vip"));
        String small = post(order("83000052", "small@example.com", "70", "Small"));
        awaitProcessed(vip);
        awaitProcessed(small);
        TempFiles.write(Console.RULES, "vip-orders.yaml", "id: vip-orders\non: [order.published]\n"
                + "when: decimal(escrow.amount) >= 5000\nactions:\n  - log: { message: \"vip order {escrow.id}\" }\n");
        Calls.admin().post("/api/rules/reload").then().statusCode(200);
        String until = java.time.Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

        browser.open("/console/rules");
        new org.openqa.selenium.support.ui.Select(browser.find("#backfill-rule")).selectByValue("vip-orders");
        browser.driver.executeScript("arguments[0].value = arguments[1]; arguments[2].value = arguments[3]",
                browser.find("#backfill-since"), start.toString().replace("Z", ""), browser.find("#backfill-until"),
                until.replace("Z", ""));
        browser.submit("#backfill-preview");
        assertThat(browser.find("#preview-summary").getText(), matchesPattern("1 of \\d+ event\\(s\\) would fire vip-orders\\."));
        browser.screenshot("backfill");
        browser.find("#backfill-apply").click();
        browser.driver.switchTo().alert().accept();
        assertThat(browser.find("#applied").getText(), containsString("Backfill of vip-orders: 1 firing(s) over"));

        browser.open("/console/events/" + vip);
        assertEquals("FIRED", browser.find("tr.evaluation[data-rule='vip-orders'] .outcome").getText());
        browser.open("/console/rules");
        new org.openqa.selenium.support.ui.Select(browser.find("#backfill-rule")).selectByValue("vip-orders");
        browser.driver.executeScript("arguments[0].value = arguments[1]; arguments[2].value = arguments[3]",
                browser.find("#backfill-since"), start.toString().replace("Z", ""), browser.find("#backfill-until"),
                until.replace("Z", ""));
        browser.submit("#backfill-preview");
        assertThat(browser.find("#preview-summary").getText(), matchesPattern("0 of \\d+ event\\(s\\) would fire vip-orders\\."));
    }

    private static void search(String text) {
        browser.open("/console/events");
        browser.type("#q", text);
        browser.submit("#filter");
    }

    private static String order(String orderId, String buyer, String amount, String name) {
        String body = Payloads.read("order-published-sample").replace("\"8810231\"", com.fasterxml.jackson.databind
                .node.TextNode.valueOf(orderId).toString())
                .replace("ana.garcia@example.com", buyer).replace("149.9", amount)
                .replace("\"Ana García\"", com.fasterxml.jackson.databind.node.TextNode.valueOf(name).toString());
        return body;
    }

    private static String post(String body) {
        return Calls.truust().header("webhook-id", UUID.randomUUID().toString()).body(body)
                .post("/webhooks/truust/order-published").then().statusCode(202).extract().path("id");
    }

    private static void awaitProcessed(String id) {
        Await.until("event " + id + " processed", () -> "PROCESSED".equals(
                Calls.admin().get("/api/events/" + id).then().extract().path("status")));
    }

    private static int doneJobs(String rule) {
        List<Object> jobs = Calls.admin().queryParam("status", "done").get("/api/actions").then().statusCode(200)
                .extract().path("items.findAll { it.ruleId == '" + rule + "' }");
        return jobs.size();
    }

    private static int deadMailJobs() {
        List<Object> jobs = Calls.admin().queryParam("status", "dead").get("/api/actions").then().statusCode(200)
                .extract().path("items.findAll { it.ruleId == 'thank-buyer' }");
        return jobs.size();
    }

    private static long mailsTo(String recipient) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> isFor(m, recipient)).count();
    }

    private static boolean isFor(MimeMessage mail, String recipient) {
        try {
            return Arrays.stream(mail.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
