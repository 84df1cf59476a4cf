package com.truustrules.truust.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Truust's REST API in dev mode and tests: the orders and customers of the sample
 * webhooks, and switches for what a real API does on a bad day (outage, slowness, 429 with
 * Retry-After, wrapped answers, a BOM). Counts every read, for tests and the benchmark.
 */
public final class FakeTruust {

    /** The key the fake accepts, as Authorization: Bearer. */
    public static final String KEY = "sk_stage_fake";

    /** One answer: status, headers, body (null: none). */
    public record Reply(int status, Map<String, String> headers, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> customers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private volatile int outage;
    /** Order listings still answered before an outage of every call begins; negative: no outage planned. */
    private final AtomicInteger healthyCalls = new AtomicInteger(-1);
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile boolean wrapped;
    private volatile boolean bom;

    public FakeTruust() {
        reset();
    }

    /** Back to the sample data, all switches off, counts at zero. */
    public void reset() {
        orders.clear();
        customers.clear();
        reads.clear();
        outage = 0;
        healthyCalls.set(-1);
        delay = Duration.ZERO;
        throttled.set(0);
        wrapped = false;
        bom = false;
        FakeTruustSamples.load(this);
    }

    /**
     * Dates the sample orders that were paid as paid at {@code at} (their published_at), created a day
     * before: dev mode opens the sample offer when it starts, and a payment time from before that
     * would keep the promo from firing in the README's quick start.
     */
    public void samplesPaidAt(java.time.Instant at) {
        orders.values().stream().filter(o -> o.get("published_at") != null).forEach(order -> {
            order.put("published_at", at.toString());
            order.put("created_at", at.minus(Duration.ofDays(1)).toString());
        });
    }

    public void putOrder(Map<String, Object> order) {
        orders.put(String.valueOf(order.get("id")), new LinkedHashMap<>(order));
    }

    /** Adds an order in {@code status}, created a minute ago, naming its customers by buyer_id and seller_id. */
    public void addOrder(String id, String status, String buyerId, String sellerId) {
        Map<String, Object> order = FakeTruustSamples.order(id, "Order " + id, "10.00", "EUR", status);
        order.put("created_at", Instant.now().minusSeconds(60).toString());
        order.put("buyer_id", buyerId);
        order.put("seller_id", sellerId);
        putOrder(order);
    }

    /** Adds a customer with this e-mail. */
    public void addCustomer(String id, String email) {
        putCustomer(id, FakeTruustSamples.customer(id, "Customer", id, email, null, null));
    }

    public void putCustomer(String id, Map<String, Object> customer) {
        customers.put(id, new LinkedHashMap<>(customer));
    }

    /** Every call answers this status (503, 500...) until {@code outage(0)}. */
    public void outage(int status) {
        this.outage = status;
        healthyCalls.set(-1);
    }

    /**
     * The next {@code listings} GET /orders answer as usual, then every call answers 503 (an outage in the
     * middle of a reconciliation run) until {@code outage(0)} or reset. Only listings count, so that other
     * calls in the meantime (confirmations) do not move the outage.
     */
    public void outageAfter(int listings) {
        healthyCalls.set(listings);
    }

    /** Every call takes this long before it answers. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** The next {@code calls} calls answer 429 with Retry-After: {@code seconds}. */
    public void throttle(int calls, int seconds) {
        this.retryAfterSeconds = seconds;
        throttled.set(calls);
    }

    /** Single objects wrapped in {"data": ...} as some client libraries expect. */
    public void wrapped(boolean wrapped) {
        this.wrapped = wrapped;
    }

    /** Answers start with a UTF-8 byte order mark. */
    public void bom(boolean bom) {
        this.bom = bom;
    }

    /** How often {@code kind} ("order", "customer", "orders") was read successfully or not, all ids together. */
    public int reads(String kind) {
        return reads.entrySet().stream().filter(e -> e.getKey().startsWith(kind + ":")).mapToInt(e -> e.getValue().get()).sum();
    }

    /** How often one order or customer was read. */
    public int reads(String kind, String id) {
        AtomicInteger count = reads.get(kind + ":" + id);
        return count == null ? 0 : count.get();
    }

    /** Answers GET {path} (below /2.0) with the query parameters given. */
    public Reply get(String path, Map<String, String> query, String authorization) {
        pause();
        reads.computeIfAbsent(readKey(path), k -> new AtomicInteger()).incrementAndGet();
        if (!("Bearer " + KEY).equals(authorization)) {
            return json(401, Map.of("message", "Unauthenticated."));
        }
        boolean listing = readKey(path).equals("orders:list");
        if (outage != 0 || (listing ? healthyCalls.getAndUpdate(n -> n > 0 ? n - 1 : n) : healthyCalls.get()) == 0) {
            return json(outage != 0 ? outage : 503, Map.of("message", "Service unavailable"));
        }
        if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Reply(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), "{\"message\":\"Too Many Attempts.\"}");
        }
        return route(path, query);
    }

    /** "order:{id}", "customer:{id}", "orders:list" or "other:{path}": what {@link #reads} counts. */
    private static String readKey(String path) {
        String[] parts = path.replaceAll("^/+", "").split("/");
        if (parts.length == 2 && (parts[0].equals("orders") || parts[0].equals("customers"))) {
            return parts[0].replaceAll("s$", "") + ":" + parts[1];
        }
        return parts.length == 1 && parts[0].equals("orders") ? "orders:list" : "other:" + path;
    }

    private Reply route(String path, Map<String, String> query) {
        String[] parts = path.replaceAll("^/+", "").split("/");
        if (parts.length == 2 && parts[0].equals("orders")) {
            return one("order", parts[1], orders);
        }
        if (parts.length == 2 && parts[0].equals("customers")) {
            return one("customer", parts[1], customers);
        }
        if (parts.length == 1 && parts[0].equals("orders")) {
            return list(query);
        }
        return json(404, Map.of("message", "Not found"));
    }

    private Reply one(String kind, String id, Map<String, Map<String, Object>> store) {
        Map<String, Object> found = store.get(id);
        if (found == null) {
            return json(404, Map.of("message", "No query results"));
        }
        return json(200, wrapped ? Map.of("data", found) : found);
    }

    /**
     * GET /orders: filtered by status and by created_at between date_begin and date_end (ISO instants or
     * dates; Truust does not say which field it filters on), paginated as Truust does
     * ({"current_page", "last_page", "data"}).
     */
    private Reply list(Map<String, String> query) {
        String status = query.get("status");
        Instant begin = instant(query.get("date_begin"));
        Instant end = instant(query.get("date_end"));
        List<Map<String, Object>> all = new ArrayList<>(orders.values().stream()
                .filter(o -> status == null || status.equals(o.get("status")))
                .filter(o -> within(instant(String.valueOf(o.get("created_at"))), begin, end)).toList());
        all.sort((a, b) -> String.valueOf(a.get("id")).compareTo(String.valueOf(b.get("id"))));
        int perPage = Math.max(1, Math.min(100, number(query.get("per_page"), 15)));
        int page = Math.max(1, number(query.get("page"), 1));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        List<Map<String, Object>> items = all.subList(Math.min(all.size(), (page - 1) * perPage), Math.min(all.size(), page * perPage));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current_page", page);
        body.put("last_page", last);
        body.put("per_page", perPage);
        body.put("total", all.size());
        body.put("data", items);
        return json(200, body);
    }

    private static boolean within(Instant at, Instant begin, Instant end) {
        return at == null || (begin == null || !at.isBefore(begin)) && (end == null || !at.isAfter(end));
    }

    /** An ISO instant or date (midnight UTC); null when absent or neither. */
    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int number(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private Reply json(int status, Object body) {
        try {
            return new Reply(status, Map.of("Content-Type", "application/json"), (bom ? "\uFEFF" : "") + JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pause() {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
