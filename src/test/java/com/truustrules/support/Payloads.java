package com.truustrules.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded bodies from src/test/resources/payloads, named event-scenario.json. */
public final class Payloads {

    private Payloads() {
    }

    public static String read(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample order-published body with another order id, so it is not a duplicate. */
    public static String published(String orderId) {
        return read("order-published-sample").replace("8810231", orderId);
    }
}
