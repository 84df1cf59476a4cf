package com.truustrules.action.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import com.truustrules.action.Templates;
import com.truustrules.action.http.ProviderCall;
import com.truustrules.config.TruustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The chat action: posts {"text": ..., "blocks": [...]} to a Slack-compatible incoming webhook whose
 * URL is in the environment variable the rule names. The JSON is built by Jackson, so quotes and
 * newlines in event data cannot break it. As for e-mail, the attempt is marked as sending right
 * before the post: a crash after it leaves the job in doubt rather than posting twice. Messages
 * name the variable, never its URL.
 */
@ApplicationScoped
public class SendChat implements ActionRunner {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ObjectMapper json;

    @Inject
    TruustConfig config;

    private final HttpClient client = ProviderCall.client();

    @Override
    public ActionKind kind() {
        return ActionKind.CHAT;
    }

    @Override
    public ActionOutcome run(ActionContext context) throws IOException, InterruptedException {
        String variable = String.valueOf(context.spec().get("webhook"));
        Optional<String> url = ChatWebhooks.url(variable).filter(ChatWebhooks::isHttpUrl);
        if (url.isEmpty()) {
            return Boolean.parseBoolean(String.valueOf(context.spec().get("optional")))
                    ? ActionOutcome.done(Map.of("skipped", variable + " is not set"))
                    : ActionOutcome.failed("chat not sent: environment variable " + variable + " does not hold an http(s) URL");
        }
        String what = "chat webhook " + variable;
        Duration timeout = TIMEOUT.compareTo(config.actions().lease().dividedBy(2)) <= 0 ? TIMEOUT : config.actions().lease().dividedBy(2);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.get())).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(message(context)))).build();
        context.sending().begin();
        ProviderCall.Answer answer;
        try {
            answer = ProviderCall.send(client, request, timeout);
        } catch (IOException | TimeoutException e) {
            return ProviderCall.noAnswer(what, e);
        }
        if (!answer.ok()) {
            return ProviderCall.failure(what, answer, context.now(), config.actions().backoffMax());
        }
        return ActionOutcome.done(Map.of("webhook", variable, "status", answer.status()));
    }

    /** The message as JSON: the text, and the blocks with every text in them rendered. */
    ObjectNode message(ActionContext context) {
        Map<String, Object> facts = SlackText.escaped(context.facts());
        ObjectNode message = json.createObjectNode();
        message.put("text", Templates.render(String.valueOf(context.spec().get("text")), facts));
        Object blocks = context.spec().get("blocks");
        if (blocks != null) {
            // Slack takes a list of blocks; a single block may be written as a mapping.
            message.set("blocks", json.valueToTree(Templates.renderAll(blocks instanceof Map ? List.of(blocks) : blocks, facts)));
        }
        return message;
    }

}
