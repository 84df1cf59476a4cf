package com.truustrules.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.truustrules.common.ProblemException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Numbers and nesting a body may hold: what a person could mean passes, the absurd is a 400 that says where. */
class WebhookBodyLimitsTest {

    private static String refused(String body) {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> WebhookBody.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Response.Status.BAD_REQUEST, problem.status());
        return problem.getMessage();
    }

    private static void accepted(String body) {
        WebhookBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNumberWithAnAbsurdExponentIsRefusedWithItsPlace() {
        assertEquals("the number at /escrow/amount is out of range: at most 100 digits and an exponent within ±1000",
                refused("{\"escrow\":{\"amount\":1e999999999}}"));
        assertEquals("the number at /items/1/p~1q is out of range: at most 100 digits and an exponent within ±1000",
                refused("{\"items\":[1,{\"p/q\":-1E-1001}]}"));
    }

    @Test
    void aNumberLongerThanTheLimitIsRefused() {
        assertEquals("the body has a number longer than 100 characters", refused("{\"a\":" + "9".repeat(101) + "}"));
        assertEquals("the body has a number longer than 100 characters", refused("{\"a\":1." + "0".repeat(100) + "}"));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        assertEquals("the body nests objects and arrays deeper than 64 levels",
                refused("{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}"));
        accepted("{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}");
    }

    @Test
    void everyNumberAPersonCouldMeanPasses() {
        accepted("{\"amount\":149.90,\"max\":1.7976931348623157e308,\"min\":4.9e-324,\"id\":" + "9".repeat(100)
                + ",\"e\":1e1000,\"f\":1e-1000,\"neg\":-0.0}");
    }
}
