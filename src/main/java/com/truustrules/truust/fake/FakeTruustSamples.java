package com.truustrules.truust.fake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The orders and customers behind the sample webhooks, each order naming its customers in one of the
 * three ways Truust may: buyer_id/seller_id, embedded objects, or connections links.
 */
final class FakeTruustSamples {

    /** An order whose status is still DRAFT: a webhook claiming it was paid is a forgery. */
    static final String DRAFT_ORDER = "8810299";

    private FakeTruustSamples() {
    }

    static void load(FakeTruust fake) {
        fake.putCustomer("cus_ana", customer("cus_ana", "Ana", "García", "ana.garcia@example.com", "+34", "600111222"));
        fake.putCustomer("cus_shop", customer("cus_shop", "Demo", "Shop", "shop@demo-marketplace.example", "+34", "910000000"));
        fake.putCustomer("cus_li", customer("cus_li", "Li", "Wei", "li.wei@example.com", null, null));
        fake.putCustomer("cus_jo", customer("cus_jo", "Jo", "Smith", null, "+44", "7700900123"));
        Map<String, Object> camera = order("8810231", "Vintage camera Olympus OM-1", "149.90", "EUR", "PUBLISHED");
        camera.put("buyer_id", "cus_ana");
        camera.put("seller_id", "cus_shop");
        fake.putOrder(camera);
        Map<String, Object> helmet = order("8810232", "Road bike helmet", "39.50", "EUR", "PUBLISHED");
        helmet.put("buyer", customer("cus_li", "Li", "Wei", "li.wei@example.com", null, null));
        helmet.put("seller", customer("cus_shop", "Demo", "Shop", "shop@demo-marketplace.example", "+34", "910000000"));
        fake.putOrder(helmet);
        Map<String, Object> tickets = order("8810240", "Concert tickets x2", "120.00", "GBP", "CANCELLED");
        tickets.put("connections", Map.of("buyer", "https://fake.truust.io/2.0/customers/cus_jo",
                "seller", "https://fake.truust.io/2.0/customers/cus_shop"));
        fake.putOrder(tickets);
        Map<String, Object> draft = order(DRAFT_ORDER, "Unpaid sofa", "300.00", "EUR", "DRAFT");
        draft.put("published_at", null);
        fake.putOrder(draft);
    }

    /** An order as GET /orders/{id} shows it; value as a string, as Truust sometimes sends it. */
    static Map<String, Object> order(String id, String name, String value, String currency, String status) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", Long.parseLong(id));
        order.put("public_id", "pub_" + id);
        order.put("name", name);
        order.put("value", value);
        order.put("currency", currency);
        order.put("amount", value + (currency.equals("EUR") ? " €" : " £"));
        order.put("status", status);
        order.put("tag", "demo");
        order.put("metadata", Map.of("platform", "demo-marketplace"));
        order.put("created_at", "2026-11-26T18:00:00Z");
        order.put("published_at", "2026-11-27T09:30:00Z");
        return order;
    }

    static Map<String, Object> customer(String id, String first, String last, String email, String prefix, String phone) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", id);
        customer.put("uuid", id);
        customer.put("type", "PERSON");
        customer.put("name", first + " " + last);
        customer.put("first_name", first);
        customer.put("last_name", last);
        customer.put("email", email);
        customer.put("prefix", prefix);
        customer.put("phone", phone);
        customer.put("metadata", Map.of());
        return customer;
    }
}
