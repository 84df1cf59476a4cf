package com.truustrules.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionSpec;
import com.truustrules.common.EventFacts;
import com.truustrules.rule.expr.Expression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of Truust's facts a rule reads: what RuleProcessing tells the enrichment, so that other rules cost no call. */
class FactNeedsTest {

    @TempDir
    Path templates;

    @Test
    void conditionsSayExactlyWhatTheyRead() throws Exception {
        assertEquals(Set.of(), FactNeeds.of(rule("escrow.value > 10", List.of()), templates));
        assertEquals(Set.of("order"), FactNeeds.of(rule("order.status == 'PUBLISHED'", List.of()), templates));
        assertEquals(Set.of("buyer", "seller"), FactNeeds.of(rule("buyer.email != null && seller.name != null", List.of()),
                templates));
    }

    @Test
    void textsAndTemplatesCountAnyPlaceholderNamingThem() throws Exception {
        Files.writeString(templates.resolve("thanks.html"), "<p>Hello {buyer.first_name}, paid {order.published_at}</p>");
        ActionSpec log = new ActionSpec(0, ActionKind.LOG, Map.of("message", "{event.id} {seller.name + order.id}"), null);
        ActionSpec mail = new ActionSpec(1, ActionKind.EMAIL, Map.of("to", "shop@example.com", "subject", "order",
                "template", "thanks"), null);
        assertEquals(Set.of("seller", "order"), FactNeeds.of(rule(null, List.of(log)), templates));
        assertEquals(Set.of("buyer", "order"), FactNeeds.of(rule(null, List.of(mail)), templates));
        assertEquals(Set.of("buyer", "seller", "order"), FactNeeds.of(List.of(rule(null, List.of(log)), rule(null,
                List.of(mail))), templates));
    }

    @Test
    void anUnreadableTemplateIsAssumedToReadEverything() throws Exception {
        ActionSpec mail = new ActionSpec(0, ActionKind.EMAIL, Map.of("to", "a@example.com", "subject", "s",
                "template", "missing"), null);
        assertEquals(java.util.Set.copyOf(EventFacts.FROM_TRUUST), FactNeeds.of(rule(null, List.of(mail)), templates));
    }

    private static Rule rule(String when, List<ActionSpec> actions) throws Exception {
        return Rule.builder().id("r").when(when == null ? null : Expression.compile(when, EventFacts.NAMES))
                .on(Set.of("order.published")).actions(actions).build();
    }
}
