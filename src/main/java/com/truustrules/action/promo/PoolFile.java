package com.truustrules.action.promo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A pool file rules/pools/NAME.txt: one code a line; blank lines and # comments are skipped. */
record PoolFile(String pool, Path path) {

    /** The names the rule loader accepts for a pool. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** The width of promo_code.code. */
    static final int MAX_LENGTH = 200;

    /** The pool files of a rules folder, by file name; none when it has no pools/ folder. */
    static List<PoolFile> in(Path rulesDir) throws IOException {
        Path folder = rulesDir.resolve("pools");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().map(PoolFile::of).flatMap(Optional::stream).toList();
        }
    }

    private static Optional<PoolFile> of(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".txt")) {
            return Optional.empty();
        }
        String pool = name.substring(0, name.length() - 4);
        return NAME.matcher(pool).matches() ? Optional.of(new PoolFile(pool, file)) : Optional.empty();
    }

    /** The codes in file order, each once. */
    Set<String> codes() {
        try {
            return parse(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static Set<String> parse(List<String> lines) {
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            // A byte-order mark, as some Windows editors write, is not part of the first code.
            String code = (i == 0 ? lines.get(0).replace("\uFEFF", "") : lines.get(i)).strip();
            if (code.isEmpty() || code.startsWith("#")) {
                continue;
            }
            if (code.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a code has at most " + MAX_LENGTH + " characters");
            }
            codes.add(code);
        }
        return codes;
    }
}
