package com.truustrules.action.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values from an event fill one URL component each and can never change the rest of the address. */
class UrlTemplateTest {

    static Map<String, Object> facts(String id, String name) {
        return Map.of("escrow", Map.of("id", id, "name", name));
    }

    static URI render(String template, String id, String name) {
        return UrlTemplate.parse(template).render(facts(id, name));
    }

    @Test
    void aPathValueCannotClimbOutOfItsSegmentNorAddAQueryOrFragment() {
        URI uri = render("https://api.example/escrows/{escrow.id}/confirm", "A-3/../../../internal/delete?all=1#", "x");
        assertEquals("/escrows/A-3%2F..%2F..%2F..%2Finternal%2Fdelete%3Fall%3D1%23/confirm", uri.getRawPath());
        assertEquals(null, uri.getRawQuery());
        assertEquals(null, uri.getRawFragment());
        assertEquals("api.example", uri.getHost());
    }

    @Test
    void aQueryValueCannotAddParameters() {
        URI uri = render("https://api.example/notify?order={escrow.id}&name={escrow.name}", "7", "a&admin=true#x y+é");
        assertEquals("order=7&name=a%26admin%3Dtrue%23x%20y%2B%C3%A9", uri.getRawQuery());
        assertEquals(null, uri.getRawFragment());
    }

    @Test
    void aDotSegmentFromAValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> render("https://api.example/escrows/{escrow.id}/refund", "..", "x"));
        assertEquals("url path has a '..' segment after rendering: /escrows/../refund", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> render("https://api.example/{escrow.id}", ".", "x"));
    }

    @Test
    void theRuleAuthorsOwnTextIsKeptAsWritten() {
        URI uri = render("http://127.0.0.1:8089/a/b-{escrow.id}.json?x=1&y={escrow.name}#top", "42", "ok");
        assertEquals("http://127.0.0.1:8089/a/b-42.json?x=1&y=ok#top", uri.toString());
    }

    @Test
    void placeholdersInTheSchemeHostOrPortAreRefused() {
        for (String url : new String[] {"https://{escrow.name}/hook", "https://api.{escrow.name}.example/hook",
                "http://127.0.0.1:{escrow.id}/hook", "https://{escrow.name}", "https://x{escrow.id/x}/hook"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse(url), url);
            assertEquals(true, e.getMessage().startsWith("url placeholders may stand in the path and query only"), e.getMessage());
        }
        assertEquals("url must start with http:// or https://, not '{escrow.name}/hook'",
                assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse("{escrow.name}/hook")).getMessage());
        assertEquals("url must name a host (and no user:password), not 'https://user:pw@api.example'",
                assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse("https://user:pw@api.example/x")).getMessage());
    }
}
