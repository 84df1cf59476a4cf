import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where the time of the end-to-end benchmark went, read from the stopped service's H2 database:
 * per event, receipt → processed → each action's start and finish (its DONE attempt), as
 * percentiles per stage; warm-up events (buyers at warmup.example) are left out. Run with the service's own H2 jar:
 * {@code java -cp h2.jar Stages.java <db path> [<properties file for the receipt → done figures>]}.
 */
public class Stages {

    static final String TOTAL = "= received -> last action done";

    /** One action's DONE attempt of an event, in action order. */
    record Step(String kind, Instant created, Instant started, Instant finished) {
    }

    /** One event's receipt and processing time and its finished actions. */
    record Trace(Instant received, Instant processed, List<Step> steps) {
    }

    public static void main(String[] args) throws Exception {
        // An H2 data file (read-only), or a PostgreSQL JDBC URL for DB=postgresql runs.
        String url = args[0].startsWith("jdbc:") ? args[0] : "jdbc:h2:file:" + args[0] + ";ACCESS_MODE_DATA=r";
        String user = url.startsWith("jdbc:postgresql:") ? "postgres" : "sa";
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            Map<UUID, Trace> traces = traces(c);
            Map<String, List<Long>> stages = stages(traces);
            print(stages);
            printWindows(traces);
            if (args.length > 1) {
                write(stages.get(TOTAL), Path.of(args[1]));
            }
        }
    }

    static Map<UUID, Trace> traces(Connection c) throws Exception {
        Map<UUID, Trace> traces = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT e.id, e.received_at, e.processed_at, "
                + "j.kind, j.created_at, a.started_at, a.finished_at FROM inbound_event e "
                + "JOIN action_job j ON j.event_id = e.id JOIN action_attempt a ON a.job_id = j.id AND a.outcome = 'DONE' "
                + "WHERE e.body NOT LIKE '%@warmup.example%' ORDER BY e.id, j.action_index")) {
            while (rows.next()) {
                Instant received = at(rows, 2);
                Instant processed = at(rows, 3);
                Trace trace = traces.computeIfAbsent(rows.getObject(1, UUID.class),
                        id -> new Trace(received, processed, new ArrayList<>()));
                trace.steps().add(new Step(rows.getString(4), at(rows, 5), at(rows, 6), at(rows, 7)));
            }
        }
        return traces;
    }

    /** Stage name → durations in ms, in the order the stages happen. */
    static Map<String, List<Long>> stages(Map<UUID, Trace> traces) {
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        for (Trace t : traces.values()) {
            add(stages, "1 received -> processing started (processor wake-up, batch)", t.received(), t.processed());
            Instant previous = t.processed();
            for (int i = 0; i < t.steps().size(); i++) {
                Step step = t.steps().get(i);
                String name = (i + 2) + "." + step.kind();
                add(stages, name + " ready -> started (" + (i == 0 ? "commit, dispatcher wake-up, claim" : "chain wake-up, claim") + ")",
                        previous, step.started());
                add(stages, name + " started -> done (run)", step.started(), step.finished());
                previous = step.finished();
            }
            add(stages, TOTAL, t.received(), previous);
        }
        return stages;
    }

    static void add(Map<String, List<Long>> stages, String name, Instant from, Instant to) {
        if (from != null && to != null) {
            stages.computeIfAbsent(name, k -> new ArrayList<>()).add(Duration.between(from, to).toMillis());
        }
    }

    static void print(Map<String, List<Long>> stages) {
        System.out.printf(Locale.ROOT, "  %-72s %7s %7s %7s %7s %7s%n", "stage (ms)", "n", "p50", "p95", "p99", "max");
        stages.forEach((name, values) -> {
            long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-72s %7d %7d %7d %7d %7d%n", name, v.length, q(v, 0.5), q(v, 0.95), q(v, 0.99), q(v, 1));
        });
    }

    /** Receipt → done by the 10-second window the event was received in: a growing backlog shows as a rising p50. */
    static void printWindows(Map<UUID, Trace> traces) {
        Instant first = traces.values().stream().map(Trace::received).min(Instant::compareTo).orElse(Instant.EPOCH);
        Map<Long, List<Long>> windows = new java.util.TreeMap<>();
        for (Trace t : traces.values()) {
            Instant done = t.steps().get(t.steps().size() - 1).finished();
            windows.computeIfAbsent(Duration.between(first, t.received()).toSeconds() / 10, k -> new ArrayList<>())
                    .add(Duration.between(t.received(), done).toMillis());
        }
        System.out.printf(Locale.ROOT, "  receipt -> last action done by receipt window (s)   %7s %7s %7s %7s%n", "n", "p50", "p99", "max");
        windows.forEach((w, values) -> {
            long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "    [%4d,%4d)                                        %7d %7d %7d %7d%n", w * 10, w * 10 + 10,
                    v.length, q(v, 0.5), q(v, 0.99), q(v, 1));
        });
    }

    /** The whole-run receipt → done percentiles, exact, for the ratio to the baseline. */
    static void write(List<Long> totals, Path file) throws java.io.IOException {
        long[] v = totals == null ? new long[0] : totals.stream().mapToLong(Long::longValue).sorted().toArray();
        String text = v.length == 0 ? "n=0\n" : String.format(Locale.ROOT, "n=%d%np50_ms=%d%np95_ms=%d%np99_ms=%d%nmax_ms=%d%n",
                v.length, q(v, 0.5), q(v, 0.95), q(v, 0.99), q(v, 1));
        Files.writeString(file, text);
    }

    static long q(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static Instant at(ResultSet rows, int column) throws java.sql.SQLException {
        OffsetDateTime t = rows.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
