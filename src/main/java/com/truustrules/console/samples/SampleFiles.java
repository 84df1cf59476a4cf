package com.truustrules.console.samples;

import com.truustrules.console.ConsoleConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sample webhooks of the quick start (src/test/resources/payloads/NAME-sample.json, read from the
 * working copy): NAME is the path segment each is posted to. Built into dev and test builds only, so
 * a production build has neither the files' list nor the button.
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@ApplicationScoped
public class SampleFiles {

    private static final Pattern SAMPLE = Pattern.compile("([a-z]+(?:-[a-z]+)*)-sample\\.json");

    @Inject
    ConsoleConfig config;

    /** The samples' names, sorted; none when the folder is not there (a jar started elsewhere). */
    public List<String> names() {
        Path dir = Path.of(config.samplesDir());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> SAMPLE.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's bytes, exactly as in the file; empty for a name that is not one of {@link #names()}. */
    public Optional<byte[]> body(String name) {
        if (name == null || !names().contains(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(Path.of(config.samplesDir()).resolve(name + "-sample.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
