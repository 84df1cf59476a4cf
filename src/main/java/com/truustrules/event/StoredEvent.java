package com.truustrules.event;

import java.util.UUID;

/** The answer to a store: the event's id and type, and whether an earlier delivery already had it. */
public record StoredEvent(UUID id, String type, boolean duplicate) {
}
