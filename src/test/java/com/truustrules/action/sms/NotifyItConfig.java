package com.truustrules.action.sms;

import com.truustrules.action.http.TestServer;
import com.truustrules.support.ItConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The IT settings plus rules that text (Twilio, faked here) and post to a chat webhook (the same fake). */
public class NotifyItConfig implements QuarkusTestResourceLifecycleManager {

    static final TestServer SERVER = TestServer.start();
    static final String ACCOUNT = "ACit0000000000000000";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String CHAT = "/services/IT/chat";

    private final ItConfig base = new ItConfig();
    private Path rules;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(base.start());
        rules = ItConfig.emptyRulesDir();
        write(rules.resolve("notify.yaml"), """
                rules:
                  - id: it-sms
                    on: [order.published]
                    when: escrow.metadata.flow == 'sms'
                    actions:
                      - sms: { to: "{escrow.metadata.phone}", text: "Order {escrow.id}: {escrow.name}" }
                  - id: it-chat
                    on: [order.published]
                    when: escrow.metadata.flow == 'chat'
                    actions:
                      - chat: { webhook: TRUUST_CHAT_IT_WEBHOOK, text: "Big order {escrow.id}: {escrow.name}" }
                """);
        config.put("truust.rules.dir", rules.toString());
        config.put("truust.sms.provider", "twilio");
        config.put("truust.sms.account-sid", ACCOUNT);
        config.put("truust.sms.auth-token", "it-token");
        config.put("truust.sms.messaging-service-sid", "MGit");
        config.put("truust.sms.api-url", SERVER.url(""));
        config.put("truust.sms.default-prefix", "+34");
        config.put("TRUUST_CHAT_IT_WEBHOOK", SERVER.url(CHAT));
        return config;
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(rules.resolve("notify.yaml"));
            Files.deleteIfExists(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        base.stop();
        SERVER.close();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
