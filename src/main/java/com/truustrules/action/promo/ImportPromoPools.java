package com.truustrules.action.promo;

import com.truustrules.action.ActionsLoaded;
import com.truustrules.db.Jdbc;
import com.truustrules.db.Transactions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Imports rules/pools/*.txt into promo_code after every valid rules load. An import only adds the
 * codes a pool does not have yet, so it is idempotent and never touches a taken code; a code removed
 * from the file stays in the pool. A failed import is retried until it succeeds.
 */
@ApplicationScoped
public class ImportPromoPools {

    private static final Logger LOG = Logger.getLogger(ImportPromoPools.class);
    /** Stands for every pool when the folder itself could not be read. */
    private static final String ALL = "*";

    @Inject
    Transactions transactions;

    @Inject
    Clock clock;

    @Inject
    PromoPoolStock stock;

    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private volatile Path dir;
    private volatile boolean importing;

    void onRulesLoaded(@Observes ActionsLoaded loaded) {
        importAll(loaded.dir());
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryFailed() {
        if (dir != null && !errors.isEmpty()) {
            importAll(dir);
        }
    }

    /** Why the pool may not hold all its codes yet: being imported now, or its import failed. */
    Optional<String> notReady(String pool) {
        return importing ? Optional.of("pools are being imported") : Optional.ofNullable(errors.getOrDefault(pool, errors.get(ALL)));
    }

    Map<String, String> errors() {
        return Map.copyOf(errors);
    }

    synchronized void importAll(Path rulesDir) {
        dir = rulesDir;
        importing = true;
        errors.clear();
        try {
            PoolFile.in(rulesDir).forEach(this::importFile);
        } catch (IOException e) {
            fail(ALL, "cannot list " + rulesDir.resolve("pools") + ": " + e.getMessage());
        } finally {
            importing = false;
        }
    }

    private void importFile(PoolFile file) {
        try {
            Set<String> codes = file.codes();
            long started = System.nanoTime();
            int added = importPool(file.pool(), codes);
            LOG.infof("promo-code pool %s: %d code(s) in %s, %d new, imported in %d ms", file.pool(), codes.size(),
                    file.path().getFileName(), added, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            fail(file.pool(), file.path().getFileName() + ": " + e.getMessage());
        }
    }

    private void fail(String pool, String message) {
        errors.put(pool, message);
        LOG.errorf("promo-code pool %s not imported, trying again in 30s: %s", pool, message);
    }

    /** Adds the codes the pool does not have; another instance importing at the same time makes this one re-read. */
    int importPool(String pool, Set<String> codes) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try {
                return insertMissing(pool, codes);
            } catch (SQLException e) {
                if (attempt == 3 || !Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private int insertMissing(String pool, Set<String> codes) throws SQLException {
        int added = transactions.commit(c -> {
            Set<String> existing = PromoCodes.existing(c, pool);
            List<String> missing = codes.stream().filter(code -> !existing.contains(code)).toList();
            PromoCodes.insert(c, pool, missing, clock.instant());
            return missing.size();
        });
        stock.track(pool);
        return added;
    }
}
