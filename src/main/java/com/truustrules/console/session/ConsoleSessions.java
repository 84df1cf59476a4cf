package com.truustrules.console.session;

import com.truustrules.common.Secrets;
import com.truustrules.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, kept in this instance's memory: the cookie holds only a random id, never the
 * admin token, and signing out or restarting ends the session for good. Several instances need
 * sticky sessions in front of them (a session lives in the instance that signed it in).
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "truust_console";
    /** The cookie of the sign-in form: a double-submit CSRF token before there is a session. */
    public static final String SIGN_IN_COOKIE = "truust_console_sign_in";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    @Inject
    ConsoleConfig config;

    @Inject
    Clock clock;

    /** A new session for someone who just proved they hold the admin token. */
    public ConsoleSession open() {
        dropExpired();
        while (sessions.size() >= config.maxSessions()) {
            sessions.values().stream().min(Comparator.comparing(ConsoleSession::expiresAt))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        ConsoleSession session = new ConsoleSession(randomToken(), randomToken(),
                clock.instant().plus(config.sessionTimeout()));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of a cookie value; empty for an unknown, ended or expired one. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession session = sessions.get(id);
        if (session != null && !session.liveAt(clock.instant())) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    /** Whether the form's token is the session's own (compared in constant time). */
    public boolean csrfMatches(String sessionId, String formToken) {
        return find(sessionId).map(s -> Secrets.equal(formToken, s.csrfToken())).orElse(false);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** 256 random bits, URL-safe. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void dropExpired() {
        sessions.values().removeIf(s -> !s.liveAt(clock.instant()));
    }
}
