package org.eventlite.cdi.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefusalPaddingTest {

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Test
    void aFastRefusalTakesAsLongAsTheSlowestRecentCheck() {
        RefusalPadding padding = new RefusalPadding();
        long slowCheck = System.nanoTime() - Duration.ofMillis(80).toNanos(); // a check that took 80 ms
        padding.checked(slowCheck, false);

        long fastRefusal = System.nanoTime();
        padding.checked(fastRefusal, true);
        assertTrue(millisSince(fastRefusal) >= 75, "refused after " + millisSince(fastRefusal) + " ms");

        long fastSuccess = System.nanoTime();
        padding.checked(fastSuccess, false);
        assertTrue(millisSince(fastSuccess) < 75, "a success is never padded");
    }

    @Test
    void theTargetIsCapped() {
        RefusalPadding padding = new RefusalPadding();
        padding.checked(System.nanoTime() - Duration.ofSeconds(30).toNanos(), false);
        assertTrue(padding.target().compareTo(RefusalPadding.MAX_PAD) <= 0, padding.target().toString());
    }
}
