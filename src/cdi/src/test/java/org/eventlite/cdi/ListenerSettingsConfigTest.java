package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.eventlite.connector.api.ListenerSettings;
import org.junit.jupiter.api.Test;

/** The I/O loop count and the latency sampling, as the configuration hands them to the connector. */
class ListenerSettingsConfigTest {

    private static ListenerSettings read(Map<String, String> settings) {
        EventLiteConfig config = EventLiteConfig.of(new MapConfig(settings));
        return config.listenerSettings();
    }

    @Test
    void defaultsAreHalfTheCoresAndOneBatchInSixteen() {
        ListenerSettings settings = read(Map.of());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), settings.ioThreads());
        assertEquals(16, settings.latencySampleEvery());
    }

    @Test
    void bothAreConfigurable() {
        ListenerSettings settings = read(Map.of("eventlite.io-threads", "3",
                "eventlite.metrics.latency-sample-every", "1"));
        assertEquals(3, settings.ioThreads());
        assertEquals(1, settings.latencySampleEvery());
    }

    @Test
    void aSampleIntervalBelowOneIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("eventlite.metrics.latency-sample-every", "0")));
        assertTrue(refused.getMessage().contains("eventlite.metrics.latency-sample-every"), refused.getMessage());
    }
}
