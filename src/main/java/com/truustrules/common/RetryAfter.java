package com.truustrules.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a Retry-After header: a number of seconds, or an HTTP date (RFC 9110 section 10.2.3). Shared by
 * the actions' outgoing calls ({@code action.http.ProviderCall}) and Truust's API client ({@code truust.TruustApi}).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the server asks for; empty when the header is missing or unreadable, zero for a date in the past. */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
