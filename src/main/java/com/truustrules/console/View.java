package com.truustrules.console;

import com.truustrules.console.session.ConsoleSession;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Console answers: a page for a signed-in person (with the CSRF token its forms carry), or a redirect. */
public final class View {

    private View() {
    }

    public static Response page(String name, ConsoleSession session, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("signedIn", true);
        return page(Response.Status.OK, name, session.csrfToken(), all);
    }

    public static Response page(Response.Status status, String name, String csrf, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("csrf", csrf);
        all.putIfAbsent("message", "");
        all.putIfAbsent("signedIn", false);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Pages.render(name, all)).build();
    }

    /** 303: after a form post the browser GETs the answer, so a reload does not post again. */
    public static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
