package com.truustrules.console.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Times as the console shows and reads them: UTC, to the second. */
public final class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String text(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** An ISO instant, or a form's date-time without zone (read as UTC); empty when blank, error when unreadable. */
    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            return Optional.of(text.endsWith("Z") || text.contains("+") ? Instant.parse(text)
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a time must look like 2026-11-27T10:00 (UTC) or 2026-11-27T10:00:00Z");
        }
    }
}
