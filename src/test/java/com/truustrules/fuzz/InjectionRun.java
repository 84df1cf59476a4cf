package com.truustrules.fuzz;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The child JVM of {@link ExpressionInjectionFuzzTest#noAttackEndsOrEscapesTheJvm}: runs every seed and
 * mutations of them through {@link InjectionCheck}, then prints {@link #COMPLETED}. An attack
 * that reached System.exit would end the process before that line, with any exit code.
 *
 * <p>Arguments: the marker file, the system property name, the number of mutations.
 */
public final class InjectionRun {

    static final String COMPLETED = "injection run completed:";

    private InjectionRun() {
    }

    public static void main(String[] args) {
        InjectionCheck check = new InjectionCheck(Path.of(args[0]), args[1]);
        List<String> seeds = InjectionCorpus.seeds(args[0], args[1]);
        List<Map<String, Object>> facts = ExpressionArbitraries.facts().sampleStream().limit(20).toList();
        Stream<String> sources = Stream.concat(seeds.stream(), InjectionCorpus.mutated(seeds).sampleStream()
                .limit(Integer.parseInt(args[2])));
        long compiled = sources.filter(source -> check.check(source, facts.get(Math.floorMod(source.hashCode(), 20)))
                .isPresent()).count();
        System.out.println(COMPLETED + " " + compiled + " compiled");
    }
}
