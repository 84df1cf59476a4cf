package com.truustrules.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sms and chat actions are checked at load: settings, numbers, webhook variables; long texts are warned about. */
class NotifySettingsTest {

    @TempDir
    Path dir;

    private LoadResult load(String actions) {
        return new RuleFolder(dir).write("notify.yaml", "id: notify\non: [order.published]\nactions:\n" + actions).load();
    }

    private String error(String actions) {
        LoadResult result = load(actions);
        assertEquals(1, result.errors().size(), result.errors().toString());
        RuleError error = result.errors().get(0);
        assertEquals("notify.yaml", error.file());
        assertEquals("notify", error.rule());
        return error.message();
    }

    @Test
    void anSmsWithTemplatesLoadsWithoutWarning() {
        LoadResult result = load("  - sms: { to: \"{escrow.metadata.prefix}{escrow.metadata.phone}\", text: \"Order {escrow.id} is paid\" }\n");
        assertTrue(result.valid(), result.errors().toString());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void unknownAndMissingSmsSettingsAreErrors() {
        assertEquals("'sms' does not take 'from' (it takes: text, to)", error("  - sms: { to: \"+34612345678\", text: hi, from: me }\n"));
        assertEquals("'sms' needs 'text'", error("  - sms: { to: \"+34612345678\" }\n"));
    }

    @Test
    void aLiteralNumberThatIsNotOneIsAnError() {
        assertEquals("'sms' to: '+34 12' is not a phone number (E.164: + country code and up to 15 digits)",
                error("  - sms: { to: \"+34 12\", text: hi }\n"));
    }

    @Test
    void aLiteralTextLongerThanOneSmsIsWarnedAboutButLoads() {
        String gsm = "a".repeat(161);
        LoadResult result = load("  - sms: { to: \"+34612345678\", text: \"" + gsm + "\" }\n"
                + "  - sms: { to: \"+34612345678\", text: \"" + "a".repeat(160) + "\" }\n"
                + "  - sms: { to: \"+34612345678\", text: \"Olé 😀 {escrow.id}" + "x".repeat(66) + "\" }\n");
        assertTrue(result.valid(), result.errors().toString());
        assertEquals(2, result.warnings().size(), result.warnings().toString());
        assertEquals("'sms' text is 161 GSM-7 characters before any value is filled in: more than one SMS holds (160), "
                + "so it is sent as 2 parts, each charged", result.warnings().get(0).message());
        assertEquals(4, result.warnings().get(0).line());
        assertTrue(result.warnings().get(1).message().startsWith("'sms' text is 73 UCS-2 characters")
                && result.warnings().get(1).message().contains("at least 2 parts"), result.warnings().get(1).message());
    }

    @Test
    void aChatWebhookIsTheNameOfASetVariableNeverAUrl() {
        assertEquals("'chat' 'webhook' is the name of an environment variable that holds the URL (upper-case letters, "
                + "digits and '_', such as TRUUST_CHAT_OPS_WEBHOOK), never the URL itself",
                error("  - chat: { webhook: \"https://hooks.slack.com/services/T0/B0/secret\", text: hi }\n"));
        assertEquals("'chat' environment variable TRUUST_CHAT_NOT_SET_ANYWHERE is not set (or add 'optional: true' to "
                + "skip the message while it is unset)", error("  - chat: { webhook: TRUUST_CHAT_NOT_SET_ANYWHERE, text: hi }\n"));
        assertEquals("'chat' environment variable PATH does not hold an http:// or https:// URL",
                error("  - chat: { webhook: PATH, text: hi }\n"));
    }

    @Test
    void chatSettingsAreChecked() {
        assertEquals("'chat' does not take 'channel' (it takes: blocks, optional, text, webhook)", error("  - chat: { webhook: X, text: hi, optional: true, channel: ops }\n"));
        assertEquals("'chat' optional must be true or false", error("  - chat: { webhook: X, text: hi, optional: maybe }\n"));
        assertEquals("'chat' blocks must be a list of Slack blocks (or one block, a mapping)",
                error("  - chat: { webhook: X, text: hi, optional: true, blocks: section }\n"));
        assertTrue(error("  - chat: { webhook: X, text: hi, optional: true, blocks: [{type: section, text: {type: mrkdwn, "
                + "text: \"{escrow.id\"}}] }\n").startsWith("'chat' blocks: "), "templates inside blocks are checked");
    }

    @Test
    void anOptionalChatWhoseVariableIsUnsetLoads() {
        LoadResult result = load("  - chat:\n      webhook: TRUUST_CHAT_NOT_SET_ANYWHERE\n      optional: true\n"
                + "      text: \"Big order {escrow.id}\"\n      blocks:\n        - type: section\n"
                + "          text: { type: mrkdwn, text: \"*{escrow.name}*\" }\n");
        assertTrue(result.valid(), result.errors().toString());
    }
}
