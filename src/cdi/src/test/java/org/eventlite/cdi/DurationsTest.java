package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheFormsOperatorsWrite() {
        assertEquals(Duration.ofMillis(50), Durations.parse("x", "50ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("x", " 10s "));
        assertEquals(Duration.ofMinutes(2), Durations.parse("x", "2m"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("x", "PT10S"));
    }

    @Test
    void namesTheSettingWhenTheValueIsBad() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("eventlite.line-grace-period", "soon"));
        assertTrue(error.getMessage().startsWith("eventlite.line-grace-period must be a duration"), error.getMessage());
    }
}
