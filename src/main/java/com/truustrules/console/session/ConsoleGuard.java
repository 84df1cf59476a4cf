package com.truustrules.console.session;

import com.truustrules.console.ConsoleRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** The checks a console form post passes before it changes anything. */
@ApplicationScoped
public class ConsoleGuard {

    @Inject
    ConsoleSessions sessions;

    /** The session of a signed-in request (the admin role was already checked on the same cookie). */
    public ConsoleSession session(String sessionId) {
        return sessions.find(sessionId).orElseThrow(() -> new ConsoleRefusal(Response.Status.UNAUTHORIZED,
                "Your session has ended. Sign in again."));
    }

    /** Refuses (403) a state-changing form that does not carry its session's CSRF token. */
    public ConsoleSession checkForm(String sessionId, String csrfToken) {
        ConsoleSession session = session(sessionId);
        if (!sessions.csrfMatches(sessionId, csrfToken)) {
            throw new ConsoleRefusal(Response.Status.FORBIDDEN,
                    "This form did not carry its security token (CSRF), so nothing was done. Reload the page and try again.");
        }
        return session;
    }
}
