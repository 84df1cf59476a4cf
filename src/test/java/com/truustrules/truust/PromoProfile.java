package com.truustrules.truust;

import java.util.HashMap;
import java.util.Map;

/**
 * The repository's own rules (rules/, with the first-day-buyers promo) against the fake Truust on a
 * port of its own, confirmation on, an SMTP port for GreenMail, and the production wait of a PENDING
 * event (30 s), so that a test can tell a prompt release from a wait that ran out.
 */
public class PromoProfile extends TruustApiProfile {

    public static final int SMTP_PORT = EnrichmentProfile.freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("truust.rules.dir", "rules");
        config.put("truust.api.pending-retry", "PT30S");
        config.put("truust.mail.smtp.host", "127.0.0.1");
        config.put("truust.mail.smtp.port", Integer.toString(SMTP_PORT));
        config.put("truust.actions.backoff-initial", "PT0.2S");
        config.put("truust.processor.sweep-interval", "1s");
        return config;
    }
}
