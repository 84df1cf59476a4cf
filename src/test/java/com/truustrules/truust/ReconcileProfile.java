package com.truustrules.truust;

import com.truustrules.support.TempFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The fake Truust API with reconciliation on (its tick stays off: tests call it), pages of two orders,
 * a rule that mails ops about every paid order, and an SMTP port of its own for GreenMail.
 */
public class ReconcileProfile extends TruustApiProfile {

    public static final int SMTP_PORT = EnrichmentProfile.freePort();
    static final Path DIR = TempFiles.dir("truust-reconcile-rules");

    @Override
    public Map<String, String> getConfigOverrides() {
        TempFiles.write(DIR, "paid-mail.yaml", """
                id: paid-mail
                on: [order.published]
                actions:
                  - email:
                      to: ops@example.com
                      subject: "paid {escrow.id} ({payload.source})"
                      template: paid
                """);
        TempFiles.write(DIR, "templates/paid.html", "<p>Order {escrow.id} is {escrow.status}.</p>");
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("truust.rules.dir", DIR.toString());
        config.put("truust.mail.smtp.host", "127.0.0.1");
        config.put("truust.mail.smtp.port", Integer.toString(SMTP_PORT));
        config.put("truust.actions.backoff-initial", "PT0.2S");
        config.put("truust.processor.sweep-interval", "1s");
        config.put("truust.api.page-size", "2");
        config.put("truust.api.reconcile.enabled", "true");
        // These tests are about runs, not the circuit breaker (TruustApiTest has that): with the profile's
        // window of 6, the retried confirmations of a test's outage still in flight opened it in the next run.
        config.put("truust.api.circuit-window", "1000");
        return config;
    }
}
