package com.truustrules.action.sms;

import com.truustrules.action.http.TestServer;
import com.truustrules.support.TempFiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A rules folder whose rules text the buyer (Twilio, faked by a local server) and post to a chat
 * webhook (the same server), with quick retries. The webhook's URL is in TRUUST_CHAT_TEST_WEBHOOK.
 */
public class NotifyRulesProfile implements QuarkusTestProfile {

    public static final TestServer SERVER = TestServer.start();
    public static final String ACCOUNT = "AC0123456789abcdef";
    public static final String TOKEN = "twilio-auth-token";
    public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    public static final String CHAT = "/services/T000/B000/XXXX";
    public static final Path DIR = createDir();

    @Override
    public Map<String, String> getConfigOverrides() {
        write("sms-buyer.yaml", """
                id: sms-buyer
                on: [order.published]
                when: escrow.metadata.flow == 'sms'
                actions:
                  - sms:
                      to: "{escrow.metadata.prefix}{escrow.metadata.phone}"
                      text: "Order {escrow.id} is paid: {escrow.name}"
                """);
        write("chat-ops.yaml", """
                id: chat-ops
                on: [order.published]
                when: escrow.metadata.flow == 'chat'
                actions:
                  - chat:
                      webhook: TRUUST_CHAT_TEST_WEBHOOK
                      text: "Big order {escrow.id}: {escrow.name}"
                      blocks:
                        - type: section
                          text: { type: mrkdwn, text: "*{escrow.name}* by {escrow.metadata.buyer_name}" }
                """);
        return Map.ofEntries(Map.entry("truust.rules.dir", DIR.toString()),
                Map.entry("truust.sms.provider", "twilio"),
                Map.entry("truust.sms.account-sid", ACCOUNT),
                Map.entry("truust.sms.auth-token", TOKEN),
                Map.entry("truust.sms.from", "+15005550006"),
                Map.entry("truust.sms.api-url", SERVER.url("")),
                Map.entry("TRUUST_CHAT_TEST_WEBHOOK", SERVER.url(CHAT)),
                Map.entry("truust.actions.backoff-initial", "PT0.2S"),
                Map.entry("truust.actions.backoff-max", "PT3S"),
                Map.entry("truust.actions.poll-interval", "200ms"));
    }

    private static void write(String name, String text) {
        TempFiles.write(DIR, name, text);
    }

    private static Path createDir() {
        return TempFiles.dir("truust-notify-rules");
    }
}
