package com.truustrules.rule;

import com.truustrules.action.ActionsLoaded;
import com.truustrules.config.TruustConfig;
import com.truustrules.rule.expr.Budget;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Holds the active rule set. A reload replaces it atomically and only when every file is valid;
 * otherwise the last valid set stays active and the errors are kept for the API and health.
 */
@Startup
@ApplicationScoped
public class RuleRegistry {

    private static final Logger LOG = Logger.getLogger(RuleRegistry.class);

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<ActionsLoaded> loaded;

    private RuleLoader loader;
    private volatile RuleSet active = RuleSet.empty();
    private volatile List<RuleError> errors = List.of();
    private volatile List<RuleError> warnings = List.of();
    private volatile String fingerprint = "";

    @PostConstruct
    void init() {
        loader = new RuleLoader(Path.of(config.rules().dir()), clock, Budget.of(config.rules().evaluationTimeout()),
                config.rules().offerStarts());
        reload();
    }

    public RuleSet active() {
        return active;
    }

    /** The errors of the latest load; empty when the active set is what the folder holds. */
    public List<RuleError> errors() {
        return errors;
    }

    /** The warnings of the active rules' load (e.g. a credential written in a rule file). */
    public List<RuleError> warnings() {
        return warnings;
    }

    public RuleLoader loader() {
        return loader;
    }

    @Scheduled(every = "${truust.rules.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!fingerprint().equals(fingerprint)) {
            reload();
        }
    }

    public synchronized LoadResult reload() {
        String seen = fingerprint();
        LoadResult result = loader.load();
        if (result.valid()) {
            active = result.ruleSet();
            errors = List.of();
            warnings = result.warnings();
            result.warnings().forEach(w -> LOG.warnf("rule warning: %s", w));
            loaded.fire(actionsOf(active));
            LOG.infof("loaded %d rule(s) from %s (version %s)", active.rules().size(), loader.dir(), active.version());
        } else {
            errors = result.errors();
            result.errors().forEach(e -> LOG.errorf("rule error, keeping the previous rules: %s", e));
        }
        fingerprint = seen;
        return result;
    }

    /** What the action side needs of a rule set: each rule's actions, the offers and the folder. */
    private ActionsLoaded actionsOf(RuleSet rules) {
        List<ActionsLoaded.RuleActions> actions = rules.rules().stream()
                .map(r -> new ActionsLoaded.RuleActions(r.id(), r.enabled(), r.actions())).toList();
        return new ActionsLoaded(rules.version(), actions, rules.offerFacts(), loader.dir());
    }

    /** Names, sizes and modification times of everything under the folder: cheap to compute every poll. */
    private String fingerprint() {
        if (!Files.isDirectory(loader.dir())) {
            return "missing";
        }
        try (Stream<Path> files = Files.walk(loader.dir(), 3)) {
            return Integer.toHexString(files.filter(Files::isRegularFile).sorted().map(RuleRegistry::stamp).toList().hashCode());
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unreadable";
        }
    }

    private static String stamp(Path file) {
        try {
            return file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file + ":gone";
        }
    }
}
