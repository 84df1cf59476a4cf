package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.rule.LoadResult;
import com.truustrules.rule.RuleError;
import com.truustrules.rule.RuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule file defects the fuzz properties found, one plain test each, named after the defect. */
class RuleFileFindingsTest {

    @TempDir
    Path rules;

    @Test
    void aRuleFileThatIsNotUtf8HadLineZeroAndNoReason() throws IOException {
        Files.write(rules.resolve("promo.yaml"), JsonArbitraries.concat(
                JsonArbitraries.utf8("id: promo\non: [order.published]\nwhen: escrow.note == '"),
                JsonArbitraries.bytes(0xE9), JsonArbitraries.utf8("t'\nactions:\n  - log: { message: hi }\n")));
        LoadResult result = loader().load();
        assertEquals(List.of(new RuleError("promo.yaml", 3, null, "the file is not UTF-8 text: save it as UTF-8")), result.errors());
    }

    @Test
    void aSelfReferencingAliasOverflowedTheStack() {
        String text = "id: loop\non: [order.published]\nactions:\n  - log: { message: hi }\n  - log: { message: &l [a, *l] }\n";
        LoadResult result = loader().validate("loop.yaml", text);
        assertEquals(List.of(new RuleError("loop.yaml", 5, 21, null,
                "an alias refers to a value that contains it: the value would never end")), result.errors());
    }

    @Test
    void aMappingThatHoldsItselfIsRefusedToo() {
        String text = "id: loop\non: [order.published]\nactions:\n  - http: &h\n      url: https://example.com\n      headers: *h\n";
        LoadResult result = loader().validate("loop.yaml", text);
        assertEquals(List.of(new RuleError("loop.yaml", 4, 11, null,
                "an alias refers to a value that contains it: the value would never end")), result.errors());
    }

    @Test
    void emojiBeforeTheEndOfARuleHidItsLastCharactersFromItsVersion() {
        String text = "id: promo\non: [order.published]\nactions:\n  - log: { message: \"" + "😀".repeat(8) + " paid\" }\n";
        assertNotEquals(version(text), version(text.replace("paid", "paix")));
    }

    @Test
    void aTemplateNestedThousandsDeepOverflowedTheStack() {
        String message = "{#if true}".repeat(20_000) + "x" + "{/if}".repeat(20_000);
        String text = "id: deep\non: [order.published]\nactions:\n  - log: { message: \"" + message + "\" }\n";
        LoadResult result = loader().validate("deep.yaml", text);
        assertEquals(List.of(new RuleError("deep.yaml", 1, "deep", "could not be read: something in it nests too deeply")),
                result.errors());
    }

    private RuleLoader loader() {
        return new RuleLoader(rules, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    private String version(String text) {
        LoadResult result = loader().validate("promo.yaml", text);
        assertTrue(result.valid(), () -> result.errors().toString());
        return result.ruleSet().rules().get(0).version();
    }
}
