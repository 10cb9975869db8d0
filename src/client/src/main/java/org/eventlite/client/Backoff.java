package org.eventlite.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delays with jitter: from {@code initial}, doubling up
 * to {@code max}, each delay varied by up to 25% either way, so clients cut off
 * together do not return together.
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = initialNanos;
    }

    /** The delay before the next attempt; each call doubles the one after. */
    long nextDelayNanos() {
        long base = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        long jitter = (long) (base * 0.25 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Math.max(0, base + jitter);
    }

    void reset() {
        nextNanos = initialNanos;
    }
}
