package com.truustrules.rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A rules folder in a temporary directory, with a pool and a template, for loader tests. */
final class RuleFolder {

    final Path dir;

    RuleFolder(Path dir) {
        this.dir = dir;
        write("pools/BF2026.txt", "CODE-1\nCODE-2\n");
        write("templates/promo-thanks.html", "<p>{promo.code}</p>");
    }

    RuleFolder write(String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadResult load() {
        return new RuleLoader(dir, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC)).load();
    }

    /** The single error of a load that must fail. */
    RuleError error() {
        LoadResult result = load();
        if (result.errors().size() != 1) {
            throw new AssertionError("expected one error, got " + result.errors());
        }
        return result.errors().get(0);
    }
}
