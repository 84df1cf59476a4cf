package com.truustrules.action.promo;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionOutcome.Status;
import com.truustrules.support.Db;
import com.truustrules.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pool import and the promo-code runner called directly, against the real database. */
@QuarkusTest
class TakePromoCodeTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Inject
    ImportPromoPools importer;

    @Inject
    TakePromoCode takePromoCode;

    @Inject
    MeterRegistry metrics;

    @Inject
    TestClock clock;

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path dir;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A pool name of this test's own: tests share one database. */
    static String pool() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    void writePool(String pool, String text) throws IOException {
        Files.createDirectories(dir.resolve("pools"));
        Files.writeString(dir.resolve("pools").resolve(pool + ".txt"), text);
    }

    void importPool(String pool, String text) throws IOException {
        writePool(pool, text);
        importer.importAll(dir);
    }

    ActionOutcome take(String pool, String key) throws Exception {
        return takePromoCode.run(new ActionContext(UUID.randomUUID(), key, "promo", UUID.randomUUID(), 1,
                Map.of("pool", pool), Map.of(), NOW));
    }

    List<String> codes(String pool) throws SQLException {
        List<String> codes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT code FROM promo_code WHERE pool = ? ORDER BY code")) {
            s.setString(1, pool);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    codes.add(rows.getString(1));
                }
            }
        }
        return codes;
    }

    @Test
    void anImportAddsNewCodesKeepsTakenOnesAndIgnoresCommentsAndBlankLines() throws Exception {
        String pool = pool();
        importPool(pool, "# first batch\n\n  A-2 \nA-1\nA-1\n# B-9\n");
        assertEquals(List.of("A-1", "A-2"), codes(pool));
        assertEquals(Map.of("code", "A-1", "pool", pool), take(pool, pool + "|k1").result());

        importPool(pool, "A-2\nB-2\nB-1\n");
        assertEquals(List.of("A-1", "A-2", "B-1", "B-2"), codes(pool));
        assertEquals(1, db.count("SELECT COUNT(*) FROM promo_code WHERE pool = ? AND code = 'A-1' AND idempotency_key = ?",
                pool, pool + "|k1"));
        assertEquals(3, db.count("SELECT COUNT(*) FROM promo_code WHERE pool = ? AND idempotency_key IS NULL", pool));

        importer.importAll(dir);
        assertEquals(4, db.count("SELECT COUNT(*) FROM promo_code WHERE pool = ?", pool));
        assertEquals(Map.of(), importer.errors());
    }

    @Test
    void codesGoOutOldestImportFirstThenByCode() throws Exception {
        String pool = pool();
        clock.set(NOW);
        importPool(pool, "Z-9\nM-5\n");
        clock.set(NOW.plusSeconds(60));
        importPool(pool, "Z-9\nM-5\nA-1\n");
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(take(pool, pool + "|" + i).result().get("code"));
        }
        assertEquals(List.of("M-5", "Z-9", "A-1"), taken);
    }

    @Test
    void sixteenConcurrentTakesGetSixteenCodesAndAKeyKeepsItsCode() throws Exception {
        String pool = pool();
        importPool(pool, String.join("\n", IntStream.range(0, 20).mapToObj(i -> "C-" + (100 + i)).toList()));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Callable<ActionOutcome>> takes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String key = pool + "|buyer-" + i;
            takes.add(() -> take(pool, key));
        }
        Set<Object> codes = new HashSet<>();
        for (Future<ActionOutcome> outcome : threads.invokeAll(takes)) {
            assertEquals(Status.DONE, outcome.get().status(), outcome.get().error());
            codes.add(outcome.get().result().get("code"));
        }
        threads.shutdown();
        assertEquals(16, codes.size());
        assertEquals(16, db.count("SELECT COUNT(DISTINCT idempotency_key) FROM promo_code WHERE pool = ?", pool));
        Object first = take(pool, pool + "|buyer-0").result().get("code");
        assertEquals(first, take(pool, pool + "|buyer-0").result().get("code"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM promo_code WHERE code = ? AND idempotency_key = ?", first, pool + "|buyer-0"));
        assertEquals(4, db.count("SELECT COUNT(*) FROM promo_code WHERE pool = ? AND idempotency_key IS NULL", pool));
    }

    @Test
    void anEmptyPoolFailsForGoodAndIsCountedAndGauged() throws Exception {
        String pool = pool();
        importPool(pool, "ONLY-1\n");
        assertEquals(Status.DONE, take(pool, pool + "|a").status());
        ActionOutcome outcome = take(pool, pool + "|b");
        assertEquals(Status.FAILED, outcome.status());
        assertEquals("promo-code pool " + pool + " is exhausted", outcome.error());
        assertEquals(1.0, metrics.get("truust.promo.exhausted").tag("pool", pool).counter().count());
        assertEquals(0.0, metrics.get("truust.promo.remaining").tag("pool", pool).gauge().value());
        assertEquals("ONLY-1", take(pool, pool + "|a").result().get("code"));
        // No active rule uses this pool, so it is reported but does not make the service degraded.
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'promo-pools' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'promo-pools' }.data.'remaining." + pool + "'", equalTo(0));
    }

    @Test
    void aPoolOf100000CodesIsImportedOnceAndReImportedAsANoOp() throws Exception {
        String pool = pool();
        writePool(pool, String.join("\n", IntStream.range(0, 100_000).mapToObj(i -> "BIG-" + i).toList()));
        long started = System.nanoTime();
        assertEquals(100_000, importer.importPool(pool, new PoolFile(pool, dir.resolve("pools/" + pool + ".txt")).codes()));
        long first = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        assertEquals(0, importer.importPool(pool, new PoolFile(pool, dir.resolve("pools/" + pool + ".txt")).codes()));
        long again = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("100000 codes: first import %d ms, re-import %d ms%n", first, again);
        assertEquals(100_000, db.count("SELECT COUNT(*) FROM promo_code WHERE pool = ? AND idempotency_key IS NULL", pool));
        started = System.nanoTime();
        assertEquals("BIG-0", take(pool, pool + "|first").result().get("code"));
        System.out.printf("first take of 100000: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
}
