package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Rule expressions written to escape the vocabulary, and mutations of them: compile either
 * refuses them with an ExpressionException or yields MVEL text inside the generated alphabet;
 * whatever compiles evaluates to a value or an evaluation error and leaves no trace (no file,
 * no system property, no exit: a child JVM runs the corpus to its last line).
 */
@AddLifecycleHook(FuzzBudget.class)
class ExpressionInjectionFuzzTest {

    private static final String PROPERTY = "truust.fuzz.pwned";
    /** The seeds that are harmless and legal: constants, helper calls, fact paths. All others must be refused. */
    private static final Set<String> LEGAL_SEEDS = Set.of(
            "'java.lang.' + 'Runtime'",
            "'\\u0027 + System.exit(0) + \\u0027'",
            "'\\u0000' == escrow.status",
            "\"\\u0000\"",
            "payload[0]",
            "escrow['class']",
            "matches(escrow.status, '(a+)+$')",
            "within(now, offers['bf'].start, 'P1D')",
            "escrow.metadata.buyer_email == null ? 'none' : lower(escrow.metadata.buyer_email)");

    private static Path sandbox;
    private static InjectionCheck check;

    @BeforeContainer
    static void sandbox() throws IOException {
        sandbox = Files.createTempDirectory("truust-fuzz");
        check = new InjectionCheck(marker(), PROPERTY);
    }

    @AfterContainer
    static void removeSandbox() throws IOException {
        Files.deleteIfExists(marker());
        Files.deleteIfExists(sandbox);
    }

    @Example
    void everySeededAttackIsRefusedAndOnlyTheLegalSeedsCompile() {
        List<String> seeds = InjectionCorpus.seeds(marker().toString(), PROPERTY);
        Set<String> compiled = seeds.stream().filter(seed -> check.check(seed, Map.of()).isPresent()).collect(Collectors.toSet());
        assertEquals(LEGAL_SEEDS, compiled);
    }

    @Property(tries = 700)
    void aMutatedAttackIsRefusedOrStaysInsideTheVocabulary(@ForAll("attacks") String source,
            @ForAll("facts") Map<String, Object> facts) {
        check.check(source, facts);
    }

    @Property(tries = 700)
    void aTokenSoupIsRefusedOrStaysInsideTheVocabulary(@ForAll("soups") String source, @ForAll("facts") Map<String, Object> facts) {
        check.check(source, facts);
    }

    @Property(tries = 300)
    void aGrammaticalExpressionEvaluatesToAValueOrAnEvaluationError(@ForAll("grammatical") String source,
            @ForAll("facts") Map<String, Object> facts) {
        check.check(source, facts);
    }

    @Example
    void noAttackEndsOrEscapesTheJvm() throws IOException, InterruptedException {
        Path output = sandbox.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InjectionRun.class.getName(), marker().toString(), PROPERTY, "300")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertTrue(ended, "the child JVM did not finish in 120 s");
        assertEquals(0, child.exitValue(), printed);
        assertTrue(printed.contains(InjectionRun.COMPLETED), "the child JVM stopped before its last line:\n" + printed);
        assertFalse(Files.exists(marker()), "an attack created " + marker());
    }

    @Provide
    Arbitrary<String> attacks() {
        return InjectionCorpus.mutated(InjectionCorpus.seeds(marker().toString(), PROPERTY));
    }

    @Provide
    Arbitrary<String> soups() {
        return InjectionCorpus.soup();
    }

    @Provide
    Arbitrary<String> grammatical() {
        return ExpressionArbitraries.valid();
    }

    @Provide
    Arbitrary<Map<String, Object>> facts() {
        return ExpressionArbitraries.facts();
    }

    private static Path marker() {
        return sandbox.resolve("pwned");
    }
}
