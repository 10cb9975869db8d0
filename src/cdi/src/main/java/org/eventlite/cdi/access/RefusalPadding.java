package org.eventlite.cdi.access;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes a refused registry check take as long as the slowest recent check, so that
 * the time of a refusal does not tell an unknown user from a known one with a wrong
 * password (a directory answers "no such user" faster than it checks a password).
 * The slowest time decays by half every {@link #HALF_LIFE}, so that one slow moment of
 * the directory does not slow refusals for good, and is capped at {@link #MAX_PAD}.
 * Thread-safe; the pause runs on the caller's thread, which for TCP is the I/O loop
 * that the check itself already held.
 */
final class RefusalPadding {

    static final Duration HALF_LIFE = Duration.ofMinutes(1);
    static final Duration MAX_PAD = Duration.ofSeconds(1);

    private long slowestNanos;
    private long slowestAt = System.nanoTime();

    /** A check that took from {@code startedNanos} until now ended; a refusal waits for the slowest. */
    void checked(long startedNanos, boolean refused) {
        long now = System.nanoTime();
        long took = now - startedNanos;
        long target = record(took, now);
        if (refused && took < target) {
            LockSupport.parkNanos(target - took);
        }
    }

    private synchronized long record(long took, long now) {
        long halvings = (now - slowestAt) / HALF_LIFE.toNanos();
        long decayed = halvings >= 63 ? 0 : slowestNanos >> halvings;
        if (took >= decayed) {
            slowestNanos = Math.min(took, MAX_PAD.toNanos());
            slowestAt = now;
        } else if (halvings > 0) {
            slowestNanos = decayed;
            slowestAt = now;
        }
        return slowestNanos;
    }

    /** For tests and logs: the time a refusal is padded to now. */
    synchronized Duration target() {
        long halvings = (System.nanoTime() - slowestAt) / HALF_LIFE.toNanos();
        return Duration.ofNanos(halvings >= 63 ? 0 : slowestNanos >> halvings);
    }
}
