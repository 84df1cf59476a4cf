package com.truustrules.faults;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fault suite's own PostgreSQL cluster (run.sh creates it: "faults", port 5433), which the outage
 * scenario may stop. The shared cluster on 5432 serves others and CI, so it is refused here.
 */
final class PgCluster {

    private PgCluster() {
    }

    static int port() {
        int port = Integer.getInteger("faults.pg.port", 5433);
        if (port == 5432 || "main".equals(name())) {
            throw new IllegalStateException("the fault suite never uses the shared PostgreSQL cluster (main, 5432)");
        }
        return port;
    }

    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Drops and creates this database; its JDBC URL. */
    static String freshDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        return url(database);
    }

    /** Stops the cluster at once, as a crash would: no checkpoint, clients cut off. */
    static void stop() throws IOException, InterruptedException {
        ctl("stop", "-m", "immediate");
    }

    static void start() throws IOException, InterruptedException {
        ctl("start");
    }

    /** Starts the cluster unless it runs: after a scenario, whatever happened in it. */
    static void ensureRunning() throws IOException, InterruptedException {
        if (!running()) {
            start();
        }
    }

    static boolean running() throws IOException, InterruptedException {
        return run(List.of("pg_ctlcluster", version(), name(), "status")) == 0;
    }

    private static void ctl(String... action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", version(), name()));
        command.addAll(List.of(action));
        int status = run(command);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " ended with " + status);
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 60 s");
        }
        return process.exitValue();
    }

    private static String version() {
        return System.getProperty("faults.pg.version", "15");
    }

    private static String name() {
        return System.getProperty("faults.pg.cluster", "faults");
    }
}
