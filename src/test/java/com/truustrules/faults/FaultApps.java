package com.truustrules.faults;

import com.truustrules.support.AppProcess;
import com.truustrules.support.ItConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts the packaged builds that run.sh keeps in target/faults/app-{h2,postgresql} (a build fixes
 * its database kind, so both are kept side by side), with the settings every scenario shares.
 */
final class FaultApps {

    static final String H2 = "h2";
    static final String POSTGRESQL = "postgresql";
    private static final Duration START = Duration.ofSeconds(120);

    private FaultApps() {
    }

    /** Where a scenario keeps its rules, data and logs; emptied first. */
    static Path workDir(String scenario) throws IOException {
        Path dir = Path.of(System.getProperty("faults.dir", "target/faults"), "runs", scenario).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * The test credentials, quick rule polling, a 20 s lease (a dead instance's jobs are taken over soon
     * after, not after the 2 min default) and mail to the sink.
     */
    static Map<String, String> settings(Path rules, Path data, int smtpPort) {
        Map<String, String> config = new HashMap<>(ItConfig.credentials(rules));
        config.put("truust.data-dir", data.toString());
        config.put("truust.rules.poll-interval", "1s");
        config.put("truust.processor.sweep-interval", "1s");
        config.put("truust.actions.lease", "PT20S");
        config.put("truust.mail.smtp.host", "127.0.0.1");
        config.put("truust.mail.smtp.port", Integer.toString(smtpPort));
        // Six of them stay below the lease (SendEmail's rule), so that a send never outlives its claim;
        // and long enough that a busy machine does not turn a slow answer into a retry, hence a second mail.
        config.put("truust.mail.smtp.timeout", "PT3S");
        config.putAll(extra());
        return config;
    }

    /**
     * Settings given to run.sh in FAULTS_APP_CONFIG ("key=value,key=value"), to try a change under
     * fault (a pool size, a database URL option) without editing the scenarios.
     */
    static Map<String, String> extra() {
        Map<String, String> extra = new HashMap<>();
        for (String entry : System.getProperty("faults.app.config", "").split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                extra.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
        }
        return extra;
    }

    /** PostgreSQL instead of the embedded database; the first instance on a database empties it. */
    static Map<String, String> postgres(Map<String, String> settings, String url, boolean clean) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.flyway.clean-at-start", Boolean.toString(clean));
        config.put("quarkus.flyway.clean-disabled", Boolean.toString(!clean));
        return config;
    }

    /** Starts a build and waits for it to be ready; a start that fails leaves no process behind. */
    static AppProcess start(String build, Map<String, String> config, Path log) throws IOException, InterruptedException {
        AppProcess app = AppProcess.start(jar(build), config, Map.of(), log);
        try {
            return app.awaitReady(START);
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    /**
     * How often each order follows the mark in these logs: the log action's runs. A run repeated after
     * a crash (at-least-once) shows as a count of 2.
     */
    static Map<String, Long> marked(String mark, Path... logs) {
        Pattern marked = Pattern.compile(Pattern.quote(mark) + "([A-Za-z0-9-]+)");
        Map<String, Long> runs = new HashMap<>();
        for (Path log : logs) {
            try (Stream<String> text = Files.lines(log)) {
                text.map(marked::matcher).filter(Matcher::find).forEach(m -> runs.merge(m.group(1), 1L, Long::sum));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runs;
    }

    /** Runs beyond the first per order. */
    static long repeats(Map<String, Long> runs) {
        return runs.values().stream().mapToLong(n -> n - 1).sum();
    }

    private static Path jar(String build) {
        return Path.of(System.getProperty("faults.dir", "target/faults"), "app-" + build, "quarkus-run.jar");
    }
}
