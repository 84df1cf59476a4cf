package com.truustrules.action.email;

import com.truustrules.common.Hashing;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID comes from the action's idempotency key, so every attempt of one
 * job sends the same Message-ID. Jakarta Mail would otherwise invent a fresh one on every save.
 */
final class KeyedMessage extends MimeMessage {

    private final String hash;

    KeyedMessage(Session session, String idempotencyKey) {
        super(session);
        this.hash = Hashing.sha256Hex(idempotencyKey);
    }

    /** {@code <sha256-of-key@truust-rules>}: stable across retries, and reveals nothing of the key. */
    String id() {
        return "<" + hash + "@truust-rules>";
    }

    /** The outbox file of this message, named like its Message-ID. */
    String fileName() {
        return hash + ".eml";
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", id());
    }
}
