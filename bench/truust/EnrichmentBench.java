import com.sun.net.httpserver.HttpServer;
import com.truustrules.truust.fake.FakeTruust;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 11's performance check, run by bench/truust-enrichment.sh against the packaged service: a
 * burst of webhooks about a few orders, once with enrichment off (no API configured) and once on
 * (TRUUST_API_URL at a fake Truust served from this process), reporting Truust calls by kind (from the
 * service's metric truust.api.calls) and ingest and processing rates, and their ratio.
 *
 * Arguments: app-dir data-dir port events orders warmup senders
 */
public final class EnrichmentBench {

    static final String SECRET = "bench-secret";
    static final String ADMIN = "bench-admin-token";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Run(String mode, int events, double acceptSeconds, double processSeconds, Map<String, Double> calls) {
        double acceptRate() {
            return events / acceptSeconds;
        }

        double processRate() {
            return events / processSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        int events = Integer.parseInt(args[3]);
        int orders = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int senders = Integer.parseInt(args[6]);
        FakeTruust fake = new FakeTruust();
        for (int i = 0; i < orders + warmup; i++) {
            String order = Integer.toString(9_100_000 + i);
            fake.addCustomer("cus_b" + i, "buyer" + i + "@example.com");
            fake.addCustomer("cus_s" + i, "seller" + i + "@example.com");
            fake.addOrder(order, "PUBLISHED", "cus_b" + i, "cus_s" + i);
        }
        HttpServer server = fakeServer(fake);
        String api = "http://127.0.0.1:" + server.getAddress().getPort() + "/2.0";
        Path rules = Files.createDirectories(data.resolve("rules"));
        Files.writeString(rules.resolve("buyer-log.yaml"), """
                id: buyer-log
                on: [order.published]
                when: email(coalesce(buyer.email, escrow.metadata.buyer_email)) != null
                actions:
                  - log: { message: "paid by {buyer.email ?: escrow.metadata.buyer_email}" }
                """);
        List<Run> runs = new ArrayList<>();
        try {
            for (String mode : List.of("off", "on")) {
                runs.add(run(mode, app, data.resolve(mode), rules, port, api, events, orders, warmup, senders));
            }
        } finally {
            server.stop(0);
        }
        System.exit(report(runs, orders) ? 0 : 1); // the fake's and senders' threads would keep the JVM alive
    }

    static Run run(String mode, Path app, Path data, Path rules, int port, String api, int events, int orders, int warmup,
            int senders) throws Exception {
        Files.createDirectories(data);
        ProcessBuilder service = new ProcessBuilder("java", "-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-jar",
                app.resolve("quarkus-run.jar").toString()).redirectErrorStream(true)
                .redirectOutput(data.resolve("app.log").toFile());
        Map<String, String> env = service.environment();
        env.put("TRUUST_DATA_DIR", data.toString());
        env.put("TRUUST_RULES_DIR", rules.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("TRUUST_WEBHOOK_SECRETS", SECRET);
        env.put("TRUUST_ADMIN_TOKEN", ADMIN);
        env.put("QUARKUS_LOG_CONSOLE_LEVEL", "WARN");
        if (mode.equals("on")) {
            env.put("TRUUST_API_URL", api);
            env.put("TRUUST_API_KEY", FakeTruust.KEY);
        }
        Process process = service.start();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitReady(base, process);
            // warm-up: other orders (their calls are counted before the burst and taken off)
            burst(base, warmup, orders, warmup, senders, "w");
            awaitProcessed(base, warmup);
            Map<String, Double> before = calls(base);
            long start = System.nanoTime();
            burst(base, events, 0, orders, senders, "b");
            double accepted = (System.nanoTime() - start) / 1e9;
            awaitProcessed(base, warmup + events);
            double processed = (System.nanoTime() - start) / 1e9;
            Map<String, Double> after = calls(base);
            after.replaceAll((k, v) -> v - before.getOrDefault(k, 0.0));
            System.err.printf("[bench] enrichment %s: %d webhooks accepted in %.2f s, processed in %.2f s, calls %s%n", mode, events,
                    accepted, processed, after);
            return new Run(mode, events, accepted, processed, after);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** {@code count} order.published webhooks about orders first..first+orders-1 in turn, from {@code senders} threads. */
    static void burst(String base, int count, int first, int orders, int senders, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            sent.add(pool.submit(() -> {
                String order = Integer.toString(9_100_000 + first + n % orders);
                String body = "{\"escrow\": {\"id\": \"" + order + "\", \"name\": \"Bench\", \"amount\": 10, \"currency\": \"EUR\", "
                        + "\"status\": \"PUBLISHED\", \"metadata\": {\"nonce\": \"" + tag + n + "\"}}}";
                HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/webhooks/truust/order.published"))
                        .header("Content-Type", "application/json").header("X-Truust-Secret", SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    if (HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode() != 202) {
                        failed.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failed.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " webhooks were not accepted with 202");
        }
    }

    static void awaitReady(String base, Process process) throws Exception {
        for (int i = 0; i < 240; i++) {
            try {
                if (get(base + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become ready; see its app.log");
    }

    /** Waits until {@code total} events are PROCESSED (none PENDING or RECEIVED left). */
    static void awaitProcessed(String base, int total) throws Exception {
        Pattern processed = Pattern.compile("\"PROCESSED\"\\s*:\\s*(\\d+)");
        for (int i = 0; i < 12_000; i++) {
            Matcher m = processed.matcher(get(base + "/api/stats").body());
            if (m.find() && Integer.parseInt(m.group(1)) >= total) {
                return;
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("events not processed within 5 minutes: " + get(base + "/api/stats").body());
    }

    /** truust_api_calls_total by kind, all outcomes together. */
    static Map<String, Double> calls(String base) throws Exception {
        Map<String, Double> calls = new LinkedHashMap<>(Map.of("order", 0.0, "customer", 0.0));
        Matcher m = Pattern.compile("(?m)^truust_api_calls_total\\{([^}]*)\\}\\s+([0-9.eE+]+)").matcher(get(base + "/q/metrics").body());
        while (m.find()) {
            Matcher kind = Pattern.compile("kind=\"([^\"]+)\"").matcher(m.group(1));
            if (kind.find()) {
                calls.merge(kind.group(1), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return calls;
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ADMIN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpServer fakeServer(FakeTruust fake) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/2.0/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath().substring("/2.0".length());
                FakeTruust.Reply reply = fake.get(path, Map.of(), exchange.getRequestHeaders().getFirst("Authorization"));
                reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        http.setExecutor(Executors.newFixedThreadPool(8));
        http.start();
        return http;
    }

    /** Prints the table; whether the calls stayed within one per order and one per customer. */
    static boolean report(List<Run> runs, int orders) {
        Run off = runs.get(0);
        Run on = runs.get(1);
        System.out.printf("%d webhooks about %d orders (plus warm-up), H2, loopback%n", on.events(), orders);
        System.out.printf("%-14s %12s %14s %12s %15s%n", "enrichment", "accepted/s", "processed/s", "order calls", "customer calls");
        for (Run run : runs) {
            System.out.printf("%-14s %12.0f %14.0f %12.0f %15.0f%n", run.mode(), run.acceptRate(), run.processRate(),
                    run.calls().get("order"), run.calls().get("customer"));
        }
        System.out.printf("ratio on/off: accepted %.2f, processed %.2f%n", on.acceptRate() / off.acceptRate(),
                on.processRate() / off.processRate());
        boolean ok = on.calls().get("order") <= orders && on.calls().get("customer") <= 2.0 * orders
                && off.calls().get("order") == 0 && off.calls().get("customer") == 0;
        System.out.println(ok ? "calls within bounds (<= " + orders + " order reads, <= " + 2 * orders + " customer reads)"
                : "CALLS OUT OF BOUNDS");
        return ok;
    }
}
