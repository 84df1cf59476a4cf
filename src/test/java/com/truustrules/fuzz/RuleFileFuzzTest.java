package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.rule.LoadResult;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleError;
import com.truustrules.rule.RuleLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The rules folder reader against random YAML, valid and broken: it never throws, and when it
 * refuses a folder every error names a file, a line (1 or more) and what is wrong.
 */
@AddLifecycleHook(FuzzBudget.class)
class RuleFileFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static Path folder;

    @BeforeContainer
    static void folder() throws IOException {
        folder = Files.createTempDirectory("truust-rules-fuzz");
        write("pools/BF2026.txt", "CODE-1\nCODE-2\n".getBytes(StandardCharsets.UTF_8));
        write("templates/promo-thanks.html", "<p>{promo.code}</p>".getBytes(StandardCharsets.UTF_8));
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Property(tries = 300)
    void aFolderLoadsOrEveryErrorIsLocated(@ForAll("ruleFiles") List<byte[]> files, @ForAll("offersFiles") byte[] offers)
            throws IOException {
        clearRuleFiles();
        for (int i = 0; i < files.size(); i++) {
            write("rules-" + i + ".yaml", files.get(i));
        }
        write(RuleLoader.OFFERS_FILE, offers);
        assertLoadedOrLocated(new RuleLoader(folder, CLOCK).load());
    }

    @Property(tries = 400)
    void validatingOneFileGivesRulesOrLocatedErrors(@ForAll("ruleTexts") String text) throws IOException {
        clearRuleFiles();
        write(RuleLoader.OFFERS_FILE, "offers:\n  black-friday:\n    start: 2026-11-27T00:00:00Z\n".getBytes(StandardCharsets.UTF_8));
        assertLoadedOrLocated(new RuleLoader(folder, CLOCK).validate("checked.yaml", text));
    }

    @Property(tries = 200)
    void editingARuleChangesItsVersion(@ForAll("words") String description, @ForAll("words") String message) {
        String text = "id: promo\ndescription: \"" + description + "\"\non: [order.published]\nactions:\n"
                + "  - log: { message: \"" + message + "\" }\n";
        String edited = text.replace(message + "\" }", message.substring(0, message.length() - 1) + "v\" }");
        assertNotEquals(version(text), version(edited), "the last word changed, so must the version");
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.of("a", "X", "0", " ", "é", "€", "😀", "𝔘", "\u4e2d").list().ofMaxSize(30)
                .map(letters -> String.join("", letters) + "w");
    }

    @Provide
    Arbitrary<List<byte[]>> ruleFiles() {
        Arbitrary<byte[]> file = Arbitraries.frequencyOf(
                Tuple.of(8, YamlArbitraries.ruleFile().map(JsonArbitraries::utf8)),
                Tuple.of(1, JsonArbitraries.withInvalidUtf8()),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)));
        return file.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<byte[]> offersFiles() {
        return YamlArbitraries.offersFile().map(JsonArbitraries::utf8);
    }

    @Provide
    Arbitrary<String> ruleTexts() {
        return YamlArbitraries.ruleFile();
    }

    private static String version(String text) {
        LoadResult result = new RuleLoader(folder, CLOCK).validate("promo.yaml", text);
        assertTrue(result.valid(), () -> text + " -> " + result.errors());
        return result.ruleSet().rules().get(0).version();
    }

    private static void assertLoadedOrLocated(LoadResult result) {
        if (result.valid()) {
            assertNotNull(result.ruleSet());
            List<String> ids = result.ruleSet().rules().stream().map(Rule::id).toList();
            assertEquals(ids.size(), ids.stream().distinct().count(), "rule ids must be unique: " + ids);
            return;
        }
        assertNull(result.ruleSet());
        assertFalse(result.errors().isEmpty());
        for (RuleError error : result.errors()) {
            assertTrue(error.file() != null && !error.file().isBlank(), "no file: " + error);
            assertTrue(error.line() >= 1, "no line: " + error);
            assertTrue(error.message() != null && !error.message().isBlank(), "no message: " + error);
        }
    }

    private static void clearRuleFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void write(String name, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
