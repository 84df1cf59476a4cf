package com.truustrules.truust;

import com.truustrules.support.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The fake Truust API with confirmation on, a rule that mails the buyer Truust knows, one that reads
 * nothing from Truust, and an SMTP port of its own for GreenMail.
 */
public class EnrichmentProfile extends TruustApiProfile {

    public static final int SMTP_PORT = freePort();
    static final Path DIR = TempFiles.dir("truust-enrichment-rules");

    @Override
    public Map<String, String> getConfigOverrides() {
        TempFiles.write(DIR, "buyer-thanks.yaml", """
                id: buyer-thanks
                on: [order.published]
                when: buyer.email != null && order.status == 'PUBLISHED'
                actions:
                  - email:
                      to: "{buyer.email}"
                      subject: "Thanks {buyer.first_name}: order {order.id} paid at {order.published_at}"
                      template: buyer-thanks
                """);
        TempFiles.write(DIR, "templates/buyer-thanks.html", "<p>Hello {buyer.name}, {order.name} is paid.</p>");
        TempFiles.write(DIR, "cancelled-log.yaml", """
                id: cancelled-log
                on: [order.cancelled]
                actions:
                  - log: { message: "order {escrow.id} cancelled" }
                """);
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("truust.rules.dir", DIR.toString());
        config.put("truust.mail.smtp.host", "127.0.0.1");
        config.put("truust.mail.smtp.port", Integer.toString(SMTP_PORT));
        config.put("truust.actions.backoff-initial", "PT0.2S");
        config.put("truust.processor.sweep-interval", "1s");
        return config;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
