package com.truustrules.truust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Truust's envelopes: bare, wrapped, with a BOM, paginated; and what is refused. */
class TruustJsonTest {

    @Test
    void bareAndWrappedObjectsReadTheSame() {
        Map<String, Object> bare = TruustJson.object("{\"id\": 12, \"status\": \"PUBLISHED\"}");
        Map<String, Object> wrapped = TruustJson.object("\uFEFF{\"data\": {\"id\": 12, \"status\": \"PUBLISHED\"}}");
        assertEquals(bare, wrapped);
        assertEquals("12", TruustJson.id(bare.get("id")));
        assertEquals("12", TruustJson.id("12"));
    }

    @Test
    void anObjectThatHasItsOwnIdAndADataFieldIsNotUnwrapped() {
        Map<String, Object> order = TruustJson.object("{\"id\": \"7\", \"data\": {\"x\": 1}}");
        assertEquals("7", order.get("id"));
    }

    @Test
    void pagesTellWhetherMoreFollow() {
        TruustJson.Page first = TruustJson.page("{\"current_page\":1,\"last_page\":3,\"data\":[{\"id\":1},{\"id\":2}]}", 1);
        assertEquals(2, first.items().size());
        assertTrue(first.more());
        TruustJson.Page last = TruustJson.page("{\"current_page\":\"3\",\"last_page\":\"3\",\"data\":[{\"id\":5}]}", 3);
        assertEquals(false, last.more());
        assertEquals(1, TruustJson.page("[{\"id\":1}, 7, null]", 1).items().size());
    }

    @Test
    void unreadableAnswersAreTruustAwayNotACrash() {
        assertThrows(TruustAnswerException.class, () -> TruustJson.object("<html>502 Bad Gateway</html>"));
        assertThrows(TruustAnswerException.class, () -> TruustJson.object(""));
        assertThrows(TruustAnswerException.class, () -> TruustJson.object("[1,2]"));
        assertThrows(TruustAnswerException.class, () -> TruustJson.object("[".repeat(10_000)));
        assertNull(TruustJson.id(Map.of()));
    }
}
