package com.truustrules.action.log;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event data in a log action stays on its one line. */
class WriteLogTest {

    @Test
    void lineBreaksAndControlCharactersFromEventDataAreEscaped() {
        Map<String, Object> facts = Map.of("escrow", Map.of("name",
                "ok\r\n2026-11-27 10:00:00,000 INFO  [truust.rules.log] [admin] refund granted\u2028\u0007\\n"));
        ActionContext context = new ActionContext(UUID.randomUUID(), "k", "log-rule", UUID.randomUUID(), 1,
                Map.of("message", "order {escrow.name}"), facts, Instant.parse("2026-11-27T10:00:00Z"));
        ActionOutcome outcome = new WriteLog().run(context);
        assertEquals("order ok\\r\\n2026-11-27 10:00:00,000 INFO  [truust.rules.log] [admin] refund granted\\u2028\\u0007\\\\n",
                outcome.result().get("message"));
    }
}
