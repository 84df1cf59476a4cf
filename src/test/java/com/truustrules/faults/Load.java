package com.truustrules.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.support.Calls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Posts order.published webhooks from several threads, each call with an order of its own, and keeps
 * score: calls sent, answers by status, acknowledged orders with their event ids, calls left unanswered.
 * Thread t starts on target t mod n and moves to the next target when a call gets no answer, as a
 * load balancer would; a call without an answer is not repeated (its fate is unknown to the sender).
 */
final class Load implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final List<IntSupplier> ports;
    private final String prefix;
    private final int threads;
    private final int callsPerThread;
    private final Duration pause;
    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger withoutRetryAfter = new AtomicInteger();
    private ExecutorService pool;
    private volatile boolean stopping;

    /**
     * @param ports where to post (a supplier, so that a restarted instance on a new port is followed)
     * @param prefix makes order ids unique across the loads of one scenario
     * @param pause between two calls of one thread; zero for full speed
     */
    Load(List<IntSupplier> ports, String prefix, int threads, int callsPerThread, Duration pause) {
        this.ports = List.copyOf(ports);
        this.prefix = prefix;
        this.threads = threads;
        this.callsPerThread = callsPerThread;
        this.pause = pause;
    }

    /** Starts the threads; without this, a Load only keeps score of the calls made with {@link #post}. */
    Load start() {
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> run(thread));
        }
        pool.shutdown();
        return this;
    }

    /** The body Truust would send when order {@code order} is paid; its buyer gets mails at {@link #recipient}. */
    static String body(String order) {
        return "{\"escrow\": {\"id\": \"" + order + "\", \"status\": \"PUBLISHED\", \"amount\": 10.50, \"currency\": \"EUR\", "
                + "\"name\": \"Order " + order + "\", \"metadata\": {\"buyer_email\": \"" + recipient(order) + "\"}}}";
    }

    static String recipient(String order) {
        return "buyer-" + order + "@faults.example";
    }

    /** Posts one order to this port; its status, or -1 without an answer. Acknowledgements are recorded. */
    int post(int port, String order) {
        try {
            HttpResponse<String> response = HTTP.send(request(port, order), HttpResponse.BodyHandlers.ofString());
            record(order, response);
            return response.statusCode();
        } catch (IOException e) {
            unanswered.incrementAndGet();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until this many calls are acknowledged; false when the time ran out or the load ended first. */
    boolean awaitAcks(int wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.size() < wanted && System.nanoTime() < deadline && pool != null && !pool.isTerminated()) {
            Thread.sleep(2);
        }
        return acked.size() >= wanted;
    }

    /** Waits for every thread to send its share; false when they were still busy at the timeout. */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending: calls in flight end with their answer or its absence. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (pool != null && !pool.awaitTermination(60, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("the load threads did not stop within 60 s");
        }
    }

    int sent() {
        return sent.get();
    }

    int acknowledged() {
        return acked.size();
    }

    /** Acknowledged orders and the event id each got. */
    Map<String, String> acked() {
        return acked;
    }

    int unanswered() {
        return unanswered.get();
    }

    int status(int code) {
        AtomicInteger count = statuses.get(code);
        return count == null ? 0 : count.get();
    }

    /** Answers by status, e.g. {202=812, 503=40}. */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> copy = new TreeMap<>();
        statuses.forEach((code, count) -> copy.put(code, count.get()));
        return copy;
    }

    /** Orders answered 503, for a sender's later retry. */
    List<String> refused() {
        return new ArrayList<>(refused);
    }

    /** 503 answers that did not say when to retry. */
    int withoutRetryAfter() {
        return withoutRetryAfter.get();
    }

    private void run(int thread) {
        int target = thread % ports.size();
        for (int i = 0; i < callsPerThread && !stopping && !Thread.currentThread().isInterrupted(); i++) {
            sent.incrementAndGet();
            if (post(ports.get(target).getAsInt(), prefix + "-" + thread + "-" + i) < 0) {
                target = (target + 1) % ports.size();
                sleep(Duration.ofMillis(50));
            } else {
                sleep(pause);
            }
        }
    }

    private void record(String order, HttpResponse<String> response) throws IOException {
        int status = response.statusCode();
        statuses.computeIfAbsent(status, code -> new AtomicInteger()).incrementAndGet();
        if (status / 100 == 2) {
            acked.put(order, JSON.readTree(response.body()).path("id").asText());
        } else if (status == 503) {
            refused.add(order);
            if (response.headers().firstValue("Retry-After").isEmpty()) {
                withoutRetryAfter.incrementAndGet();
            }
        }
    }

    private static HttpRequest request(int port, String order) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/truust/order-published"))
                .header("Content-Type", "application/json").header("X-Truust-Secret", Calls.SECRET)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body(order))).build();
    }

    private static void sleep(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
