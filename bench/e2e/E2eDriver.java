import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load for the end-to-end benchmark: posts order.published webhooks at a fixed rate
 * whatever the answers, hosts the SMTP sink (GreenMail, in this JVM so that a request's send time
 * and its mail's arrival are read off one clock), waits until every job is finished, and reports.
 *
 * <p>Run by bench/e2e.sh: {@code java -cp greenmail-standalone.jar E2eDriver.java key=value...}.
 *
 * <p>target=nodered measures the Node-RED flow bench/e2e/nodered-promo-flow.json instead, which has no
 * admin API: it is ready when a call without the secret is answered 401, and its work is finished when
 * every acknowledged request has its mail or no mail came for quiet-seconds. Latency is read off this
 * JVM's clock for both targets: the request's send here to its mail's DATA accepted by the sink here.
 */
public class E2eDriver {

    static final Pattern RECIPIENT = Pattern.compile("buyer-[a-z0-9]+-(\\d+)@bench\\.example");
    static final Pattern CODE = Pattern.compile("Your code: (\\S+)");
    static final List<String> UNFINISHED_JOBS = List.of("WAITING", "PENDING", "RUNNING");

    final Map<String, String> opts;
    final String url;
    final String mode;
    /** truust (the service, with its admin API) or nodered. */
    final boolean nodeRed;
    final int rate;
    final int total;
    final String run;
    final Path out;
    final HttpClient http;
    final long[] sentNs;
    final AtomicLongArray answeredNs;
    final AtomicIntegerArray status;
    final AtomicLongArray mailNs;
    final AtomicIntegerArray mails;
    final Map<String, Integer> codes = new ConcurrentHashMap<>();
    final AtomicInteger strayMails = new AtomicInteger();
    final AtomicInteger codeless = new AtomicInteger();
    /** Every mail the sink accepted, and when the last one came (for target=nodered's end of work). */
    final AtomicInteger allMails = new AtomicInteger();
    volatile long lastMailNs;
    String servicePidBefore;
    final Map<String, Integer> failures = new ConcurrentHashMap<>();
    long startNs;
    long lastSentNs;
    long maxLagNs;
    double serviceCpu;
    int warmupMails;
    long eventsBefore;
    double ownCpu;
    GreenMail greenMail;

    E2eDriver(Map<String, String> opts) {
        this.opts = opts;
        url = opts.get("url");
        mode = opts.getOrDefault("mode", "promo");
        nodeRed = opts.getOrDefault("target", "truust").equals("nodered");
        rate = Integer.parseInt(opts.getOrDefault("rate", "500"));
        total = rate * Integer.parseInt(opts.getOrDefault("seconds", "60"));
        run = opts.getOrDefault("run", Long.toString(System.currentTimeMillis(), 36));
        out = Path.of(opts.get("out"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, daemon("http"))).build();
        sentNs = new long[total];
        answeredNs = new AtomicLongArray(total);
        status = new AtomicIntegerArray(total);
        mailNs = new AtomicLongArray(total);
        mails = new AtomicIntegerArray(total);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        E2eDriver loader = new E2eDriver(opts);
        keepRunningOnSigterm();
        int status;
        try {
            status = loader.bench();
        } finally {
            if (loader.greenMail != null) {
                loader.greenMail.stop();
            }
        }
        System.exit(status);
    }

    /**
     * Something on this shared machine sent SIGTERM to runs of this driver (five times, whatever its
     * name and command line). It is noted and ignored; bench/e2e.sh ends the driver with SIGKILL, by pid.
     */
    static void keepRunningOnSigterm() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"),
                signal -> System.err.println("loader: SIGTERM from outside at " + java.time.Instant.now() + ", ignored"));
    }

    long seconds(String key, String fallback) {
        return Long.parseLong(opts.getOrDefault(key, fallback));
    }

    int bench() throws Exception {
        if (mode.equals("promo")) {
            startSink();
        }
        if (!awaitReady(Duration.ofSeconds(seconds("ready-timeout", "180")))) {
            System.err.println("loader: the service did not become ready with the bench rule loaded");
            return 2;
        }
        warmUp((int) seconds("warmup-seconds", "0"), (int) seconds("warmup-rate", "100"));
        eventsBefore = total(stats().get("events"));
        String loadBefore = loadAverage();
        servicePidBefore = servicePid();
        double cpuBefore = serviceCpuSeconds();
        double ownCpuBefore = ownCpuSeconds();
        // bench/e2e.sh KILL_AFTER=s times its kill -9 of the service from this file.
        Files.writeString(out.resolve("load.started"), java.time.Instant.now().toString());
        load();
        awaitAnswers(Duration.ofSeconds(30));
        String loadAfter = loadAverage();
        Map<String, Map<String, Long>> stats = awaitFinished(Duration.ofSeconds(seconds("drain-timeout", "1800")));
        long drainedNs = System.nanoTime();
        // After a restart (KILL_AFTER) the process is another one: its CPU time is not the run's.
        serviceCpu = servicePid().equals(servicePidBefore) ? serviceCpuSeconds() - cpuBefore : Double.NaN;
        ownCpu = ownCpuSeconds() - ownCpuBefore;
        String metrics = nodeRed ? "" : get("/q/metrics");
        Files.writeString(out.resolve("metrics-" + mode + ".txt"), metrics);
        return report(stats, metrics, loadBefore, loadAfter, drainedNs);
    }

    // ---------------------------------------------------------------- the SMTP sink

    /**
     * GreenMail with SMTP only on a free loopback port; every accepted mail is timestamped as it is
     * delivered. GreenMail flushes each line of a multi-line reply (EHLO) on its own and leaves Nagle on,
     * so each new connection stalls about 40 ms on the client's delayed ACK, which no real MTA does:
     * by default the sink's sockets get TCP_NODELAY (sink-nodelay=false measures plain GreenMail).
     */
    void startSink() throws Exception {
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
        greenMail = Boolean.parseBoolean(opts.getOrDefault("sink-nodelay", "true")) ? new NoDelaySink(smtp) : new GreenMail(smtp);
        greenMail.start();
        GreenMailUser sink = greenMail.getUserManager().createUser("sink@bench.example", "sink", "sink");
        greenMail.getUserManager().setMessageDeliveryHandler((message, to) -> accepted(message, to, sink));
        Files.writeString(out.resolve("smtp.port"), Integer.toString(greenMail.getSmtp().getPort()));
    }

    /** Called by GreenMail once the DATA of a mail is in, right before it answers 250. */
    GreenMailUser accepted(MovingMessage message, MailAddress to, GreenMailUser sink) {
        long now = System.nanoTime();
        lastMailNs = now;
        allMails.incrementAndGet();
        Matcher m = RECIPIENT.matcher(to.getEmail().toLowerCase(Locale.ROOT));
        if (!m.matches() || Integer.parseInt(m.group(1)) >= total) {
            strayMails.incrementAndGet();
            return sink;
        }
        int i = Integer.parseInt(m.group(1));
        if (mails.getAndIncrement(i) == 0) {
            mailNs.set(i, now);
        }
        countCode(message);
        return sink;
    }

    void countCode(MovingMessage message) {
        try {
            Matcher code = CODE.matcher(String.valueOf(message.getMessage().getSubject()));
            if (code.find()) {
                codes.merge(code.group(1), 1, Integer::sum);
            } else {
                codeless.incrementAndGet();
            }
        } catch (jakarta.mail.MessagingException e) {
            codeless.incrementAndGet();
        }
    }

    /** GreenMail whose SMTP sockets send each reply line at once (TCP_NODELAY). */
    static final class NoDelaySink extends GreenMail {

        NoDelaySink(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = new LinkedHashMap<>();
            for (ServerSetup setup : config) {
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket socket) {
                        try {
                            socket.setTcpNoDelay(true);
                        } catch (SocketException e) {
                            throw new UncheckedIOException(e);
                        }
                        return super.createProtocolHandler(socket);
                    }
                });
            }
            return services;
        }
    }

    // ---------------------------------------------------------------- the load

    /** One send every 1/rate s on the clock, never waiting for answers (open loop). */
    void load() {
        long interval = 1_000_000_000L / rate;
        startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < total; i++) {
            long due = startNs + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            send(i);
            maxLagNs = Math.max(maxLagNs, sentNs[i] - due);
        }
        lastSentNs = sentNs[total - 1];
    }

    /**
     * Warms the service up (JIT, pools, caches) with its own buyers, whose mails the report leaves out,
     * and waits until that work is finished so that it does not queue ahead of the measured load.
     */
    void warmUp(int seconds, int warmRate) throws Exception {
        if (seconds <= 0) {
            return;
        }
        int n = seconds * warmRate;
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger warmAccepted = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            LockSupport.parkNanos(start + i * (1_000_000_000L / warmRate) - System.nanoTime());
            http.sendAsync(post(body(80_000_000L + i, i, "warmup.example")), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (response != null && response.statusCode() / 100 == 2) {
                            warmAccepted.incrementAndGet();
                        }
                        answered.incrementAndGet();
                    });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long drained = System.nanoTime();
        if (nodeRed) {
            awaitMails(() -> strayMails.get() >= warmAccepted.get(), Duration.ofSeconds(seconds("drain-timeout", "1800")));
        } else {
            awaitFinished(Duration.ofSeconds(seconds("drain-timeout", "1800")));
        }
        System.err.printf(Locale.ROOT, "loader: warm-up of %d events at %d/s done; its work drained %.1f s after it%n",
                n, warmRate, (System.nanoTime() - drained) / 1e9);
        warmupMails = strayMails.getAndSet(0);
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(url + "/webhooks/truust/order.published"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Truust-Secret", opts.get("secret")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    void send(int i) {
        HttpRequest request = post(body(i));
        sentNs[i] = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            answeredNs.set(i, System.nanoTime());
            if (failure != null) {
                // sendAsync wraps the cause (timeout, connection refused or reset) in a CompletionException.
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                failures.merge(cause.getClass().getSimpleName(), 1, Integer::sum);
                status.set(i, -1);
            } else {
                status.set(i, response.statusCode());
            }
        });
    }

    /** The sample order.published body with its own order, payin and buyer, so each event fires once. */
    String body(int i) {
        return body(90_000_000L + i, i, "bench.example");
    }

    String body(long order, int i, String domain) {
        return """
                {"escrow":{"id":"%d","name":"Bench order %d","amount":49.9,"currency":"EUR","status":"PUBLISHED",\
                "metadata":{"buyer_email":"buyer-%s-%d@%s","buyer_name":"Buyer %d","campaign":"black-friday"},\
                "auto_settled":"0"},"platform":"bench","payin":{"id":%d,"reference_id":"PI-%d","escrow_id":%d,\
                "type":"REDSYS","status":"CONFIRMED","save_card":0,"provider":{"Ds_Amount":"4990","Ds_Currency":"978",\
                "Ds_Response":"0000"}}}""".formatted(order, i, run, i, domain, i, order, order, order);
    }

    void awaitAnswers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    int answered() {
        int n = 0;
        for (int i = 0; i < total; i++) {
            n += status.get(i) != 0 ? 1 : 0;
        }
        return n;
    }

    // ---------------------------------------------------------------- the service

    /** Ready, and the rule set loaded without errors and holding the bench rule. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (nodeRed && System.nanoTime() < deadline) {
            try {
                HttpRequest unsigned = HttpRequest.newBuilder(URI.create(url + "/webhooks/truust/order.published"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                if (http.send(unsigned, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        while (System.nanoTime() < deadline) {
            try {
                if (status("/q/health/ready") == 200) {
                    String rules = get("/api/rules");
                    if (rules.contains("\"" + opts.get("rule") + "\"")) {
                        return true;
                    }
                    System.err.println("loader: rule " + opts.get("rule") + " is not loaded: " + rules);
                    return false;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    /**
     * Polls /api/stats until no event is waiting for the rules and no job is unfinished. After a kill -9
     * (KILL_AFTER) the restarted service may not answer yet: the poll goes on until the timeout.
     * target=nodered: until every acknowledged request has a mail, or no mail came for quiet-seconds.
     */
    Map<String, Map<String, Long>> awaitFinished(Duration timeout) throws Exception {
        if (nodeRed) {
            awaitMails(() -> {
                for (int i = 0; i < total; i++) {
                    if (status.get(i) / 100 == 2 && mails.get(i) == 0) {
                        return false;
                    }
                }
                return true;
            }, timeout);
            return stats();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Map<String, Long>> stats = statsOrNull();
        while ((stats == null || !finished(stats)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            stats = statsOrNull();
        }
        if (stats == null) {
            stats = stats();
        }
        if (!finished(stats)) {
            System.err.println("loader: not finished after " + timeout.toSeconds() + " s: " + stats);
        }
        return stats;
    }

    /** Until done, or no mail came for quiet-seconds (10) since the later of now and the last mail. */
    void awaitMails(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long quiet = TimeUnit.SECONDS.toNanos(seconds("quiet-seconds", "10"));
        long deadline = System.nanoTime() + timeout.toNanos();
        long since = System.nanoTime();
        while (!done.getAsBoolean() && System.nanoTime() < deadline
                && System.nanoTime() - Math.max(since, lastMailNs) < quiet) {
            Thread.sleep(100);
        }
        if (!done.getAsBoolean()) {
            System.err.printf(Locale.ROOT, "loader: stopped waiting for mails: none for %d s%n", quiet / 1_000_000_000L);
        }
    }

    Map<String, Map<String, Long>> statsOrNull() throws InterruptedException {
        try {
            return stats();
        } catch (IOException e) {
            return null;
        }
    }

    boolean finished(Map<String, Map<String, Long>> stats) {
        long accepted = accepted();
        return total(stats.get("events")) - eventsBefore >= accepted && stats.get("events").getOrDefault("RECEIVED", 0L) == 0
                && UNFINISHED_JOBS.stream().noneMatch(stats.get("actions")::containsKey);
    }

    Map<String, Map<String, Long>> stats() throws IOException, InterruptedException {
        String json = nodeRed ? "{}" : get("/api/stats");
        Map<String, Map<String, Long>> stats = new LinkedHashMap<>();
        for (String group : List.of("events", "actions")) {
            Matcher m = Pattern.compile("\"" + group + "\":\\{([^}]*)}").matcher(json);
            Map<String, Long> counts = new TreeMap<>();
            if (m.find()) {
                Matcher entry = Pattern.compile("\"(\\w+)\":(\\d+)").matcher(m.group(1));
                while (entry.find()) {
                    counts.put(entry.group(1), Long.parseLong(entry.group(2)));
                }
            }
            stats.put(group, counts);
        }
        return stats;
    }

    String get(String path) throws IOException, InterruptedException {
        return http.send(admin(path), HttpResponse.BodyHandlers.ofString()).body();
    }

    int status(String path) throws IOException, InterruptedException {
        return http.send(admin(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    HttpRequest admin(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + opts.get("admin-token")).GET().build();
    }

    // ---------------------------------------------------------------- the report

    long accepted() {
        long n = 0;
        for (int i = 0; i < total; i++) {
            int s = status.get(i);
            n += s >= 200 && s < 300 ? 1 : 0;
        }
        return n;
    }

    int report(Map<String, Map<String, Long>> stats, String metrics, String loadBefore, String loadAfter,
            long drainedNs) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Long> ack = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            statuses.merge(status.get(i), 1, Integer::sum);
            if (status.get(i) > 0) {
                ack.add(answeredNs.get(i) - sentNs[i]);
            }
        }
        long accepted = accepted();
        double sendSeconds = (lastSentNs - startNs) / 1e9;
        result.put("target", nodeRed ? "nodered" : "truust");
        result.put("mode", mode);
        result.put("smtp_sink", mode.equals("promo") ? "GreenMail, TCP_NODELAY " + opts.getOrDefault("sink-nodelay", "true") : "none");
        result.put("warmup", opts.getOrDefault("warmup-seconds", "0") + " s at " + opts.getOrDefault("warmup-rate", "100") + "/s, left out");
        result.put("requests", Integer.toString(total));
        result.put("offered_rate_per_s", fmt(total / Math.max(sendSeconds, 1e-9)));
        result.put("max_send_lag_ms", fmt(maxLagNs / 1e6));
        result.put("statuses", statuses.toString().replace("-1=", "error="));
        result.put("non_2xx", Long.toString(total - accepted));
        result.put("transport_errors", failures.toString());
        result.put("http_ack_ms", percentiles(ack));
        result.put("events", stats.get("events").toString());
        long stored = total(stats.get("events")) - eventsBefore;
        // A call answered 503 after the commit timeout may still be committed later: a retry would get 200 duplicate.
        result.put("events_stored_though_answered_non_2xx", Long.toString(Math.max(0, stored - accepted)));
        result.put("action_jobs", stats.get("actions").toString());
        result.put("drained_s_after_last_send", fmt((drainedNs - lastSentNs) / 1e9));
        if (mode.equals("promo")) {
            mailReport(result, accepted);
        }
        metricReport(result, metrics);
        result.put("service_cpu_s_load_and_drain", fmt(serviceCpu));
        result.put("service_cpu_ms_per_event", fmt(serviceCpu * 1000 / Math.max(1, accepted)));
        if (mode.equals("promo")) {
            result.put("service_cpu_ms_per_mail", fmt(serviceCpu * 1000 / Math.max(1, Long.parseLong(result.get("mails_received")))));
        }
        result.put("loader_and_sink_cpu_s", fmt(ownCpu));
        result.put("load_average_before", loadBefore);
        result.put("load_average_after_load", loadAfter);
        StringBuilder text = new StringBuilder();
        result.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(out.resolve("result-" + mode + ".properties"), text);
        System.out.print(text);
        if (mode.equals("promo")) {
            System.out.print(windows());
        }
        return 0;
    }

    /** Mail latency (arrival at the sink minus the request's send), duplicates, missing, codes. */
    void mailReport(Map<String, String> result, long accepted) {
        List<Long> latency = new ArrayList<>();
        long duplicates = 0;
        long missing = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < total; i++) {
            int n = mails.get(i);
            duplicates += Math.max(0, n - 1);
            if (n > 0) {
                latency.add(mailNs.get(i) - sentNs[i]);
                first = Math.min(first, mailNs.get(i));
                last = Math.max(last, mailNs.get(i));
            } else if (status.get(i) >= 200 && status.get(i) < 300) {
                missing++;
            }
        }
        long received = latency.size() + duplicates;
        result.put("mails_received", Long.toString(received));
        result.put("mails_greenmail_count", Integer.toString(greenMail.getReceivedMessages().length - warmupMails));
        result.put("mails_duplicate", Long.toString(duplicates));
        result.put("mails_missing", Long.toString(missing));
        result.put("mails_stray", Integer.toString(strayMails.get()));
        result.put("warmup_mails_left_out", Integer.toString(warmupMails));
        result.put("mails_without_code", Integer.toString(codeless.get()));
        result.put("codes_distinct", Integer.toString(codes.size()));
        result.put("codes_reused", Long.toString(codes.values().stream().filter(n -> n > 1).count()));
        result.put("mail_latency_clock", "this driver's JVM: request sent -> its mail's DATA accepted by the sink");
        result.put("mail_latency_ms", percentiles(latency));
        result.put("mail_p99_ms", latency.isEmpty() ? "NaN" : fmt(quantile(sorted(latency), 0.99) / 1e6));
        result.put("mails_per_s_first_request_to_last_mail",
                latency.isEmpty() ? "0" : fmt(latency.size() / ((last - startNs) / 1e9)));
        result.put("mails_per_s_first_to_last_mail",
                latency.size() < 2 ? "0" : fmt((latency.size() - 1) / ((last - first) / 1e9)));
    }

    /** Mail latency by the 10-second window its request was sent in: shows a growing backlog. */
    String windows() {
        StringBuilder text = new StringBuilder("by send window: [from s, to s) requests mails p50 ms p99 ms max ms\n");
        int size = rate * 10;
        for (int from = 0; from < total; from += size) {
            List<Long> latency = new ArrayList<>();
            for (int i = from; i < Math.min(total, from + size); i++) {
                if (mails.get(i) > 0) {
                    latency.add(mailNs.get(i) - sentNs[i]);
                }
            }
            List<Long> s = sorted(latency);
            text.append(String.format(Locale.ROOT, "  window [%3d,%3d) %6d %6d %8s %8s %8s%n", from / rate,
                    Math.min(total, from + size) / rate, Math.min(size, total - from), s.size(),
                    ms(s, 0.5), ms(s, 0.99), ms(s, 1.0)));
        }
        return text.toString();
    }

    /** The service's own receipt → done timer, per action kind: its quantile gauges and its histogram. */
    void metricReport(Map<String, String> result, String metrics) {
        Pattern line = Pattern.compile("^truust_actions_latency_seconds(_bucket|_count|_sum|_max)?\\{([^}]*)} (\\S+)$");
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        for (String l : metrics.split("\n")) {
            Matcher m = line.matcher(l);
            if (!m.matches()) {
                continue;
            }
            String kind = label(m.group(2), "kind");
            String suffix = m.group(1) == null ? "" : m.group(1);
            switch (suffix) {
                case "" -> result.put("metric_" + kind + "_quantile_" + label(m.group(2), "quantile") + "_ms", fmt(Double.parseDouble(m.group(3)) * 1000));
                case "_bucket" -> buckets.computeIfAbsent(kind, k -> new TreeMap<>()).put(
                        label(m.group(2), "le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(label(m.group(2), "le")),
                        Double.parseDouble(m.group(3)));
                case "_count" -> result.put("metric_" + kind + "_count", fmt(Double.parseDouble(m.group(3))));
                case "_max" -> result.put("metric_" + kind + "_max_ms", fmt(Double.parseDouble(m.group(3)) * 1000));
                default -> {
                }
            }
        }
        buckets.forEach((kind, b) -> {
            result.put("metric_" + kind + "_histogram_p50_le_ms", fmt(bucketQuantile(b, 0.5) * 1000));
            result.put("metric_" + kind + "_histogram_p99_le_ms", fmt(bucketQuantile(b, 0.99) * 1000));
        });
    }

    /** The upper bound of the first cumulative bucket holding the quantile: a whole-run figure, unlike the decaying gauges. */
    static double bucketQuantile(TreeMap<Double, Double> cumulative, double q) {
        double count = cumulative.lastEntry().getValue();
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= q * count) {
                return e.getKey();
            }
        }
        return Double.NaN;
    }

    static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "";
    }

    static String percentiles(List<Long> nanos) {
        List<Long> s = sorted(nanos);
        return String.format(Locale.ROOT, "n=%d p50=%s p95=%s p99=%s max=%s", s.size(), ms(s, 0.5), ms(s, 0.95),
                ms(s, 0.99), ms(s, 1.0));
    }

    static List<Long> sorted(List<Long> values) {
        Long[] a = values.toArray(new Long[0]);
        Arrays.sort(a);
        return Arrays.asList(a);
    }

    /** Nearest-rank quantile of sorted values. */
    static long quantile(List<Long> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String ms(List<Long> sorted, double q) {
        return sorted.isEmpty() ? "-" : fmt(quantile(sorted, q) / 1e6);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** CPU time (user + system) of the service, whose pid bench/e2e.sh writes next to our output. */
    double serviceCpuSeconds() {
        try {
            String pid = servicePid();
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    String servicePid() {
        try {
            return Files.readString(out.resolve("service.pid")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
