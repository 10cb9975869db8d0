package org.eventlite.cdi;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Reads durations as operators write them: {@code 50ms}, {@code 10s}, {@code 2m}, or ISO-8601 ({@code PT10S}). */
final class Durations {

    private Durations() {
    }

    static Duration parse(String setting, String text) {
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            if (value.endsWith("s") && !value.startsWith("P")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            }
            if (value.endsWith("m") && !value.startsWith("P")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            }
            return Duration.parse(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(setting + " must be a duration such as 50ms, 10s, 2m or PT10S, was '"
                    + text + "'", e);
        }
    }
}
