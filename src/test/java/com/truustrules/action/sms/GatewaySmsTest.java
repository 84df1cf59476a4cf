package com.truustrules.action.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's body template: values land encoded for the body's type, so a text cannot break out of its place. */
class GatewaySmsTest {

    static final Map<String, String> VALUES = Map.of("to", "+34612345678", "text", "Say \"hi\"\n& bye\", \"admin\": true",
            "from", "Shop", "id", "sms-1");

    @Test
    void jsonValuesAreEscaped() throws Exception {
        String body = GatewaySms.fill("{\"to\":\"{to}\",\"text\":\"{text}\",\"sender\":\"{from}\",\"ref\":\"{id}\"}",
                GatewaySms.JSON, VALUES);
        JsonNode json = new ObjectMapper().readTree(body);
        assertEquals(VALUES.get("text"), json.get("text").asText());
        assertEquals(4, json.size(), "no field injected: " + body);
        assertEquals("sms-1", json.get("ref").asText());
    }

    @Test
    void formValuesAreUrlEncoded() {
        assertEquals("to=%2B34612345678&msg=Say+%22hi%22%0A%26+bye%22%2C+%22admin%22%3A+true",
                GatewaySms.fill("to={to}&msg={text}", GatewaySms.FORM + "; charset=UTF-8", VALUES));
    }

    @Test
    void otherBracesAreLeftAlone() {
        assertEquals("{\"a\":{\"b\":\"+34612345678\"},\"c\":\"{name}\"}",
                GatewaySms.fill("{\"a\":{\"b\":\"{to}\"},\"c\":\"{name}\"}", GatewaySms.JSON, VALUES));
    }
}
