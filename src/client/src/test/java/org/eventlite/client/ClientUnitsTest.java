package org.eventlite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientUnitsTest {

    @Test
    void serverErrorExposesTheCatalogueId() {
        assertEquals("event-too-large",
                new ServerErrorException("-ERR event-too-large: the event is larger than 1048576 bytes").code());
    }

    @Test
    void builderRefusesBadAddressesAndTimeouts() {
        assertThrows(IllegalArgumentException.class, () -> EventLiteClient.builder().server("host:notaport"));
        assertThrows(IllegalArgumentException.class, () -> EventLiteClient.builder().server("host:70000"));
        assertThrows(IllegalArgumentException.class, () -> EventLiteClient.builder().server(":34343"));
        assertThrows(IllegalArgumentException.class, () -> EventLiteClient.builder().replyTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> EventLiteClient.builder().reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        EventLiteClient.builder().server("[::1]:34343").server("localhost").build().close();
    }

    @Test
    void backoffDoublesToItsCeilingWithBoundedJitterAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));
        long[] bases = {100, 200, 400, 400};
        for (long base : bases) {
            long delayMillis = Duration.ofNanos(backoff.nextDelayNanos()).toMillis();
            assertTrue(delayMillis >= base * 3 / 4 && delayMillis <= base * 5 / 4, base + " -> " + delayMillis);
        }
        backoff.reset();
        assertTrue(Duration.ofNanos(backoff.nextDelayNanos()).toMillis() <= 125);
    }
}
