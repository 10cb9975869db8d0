package org.eventlite.it;

import java.time.Duration;
import java.util.function.Predicate;

/** Polling a condition with a deadline: the one way these tests wait for an outcome. */
final class Waits {

    /** What is polled; it may throw, or answer null for "not there yet". */
    @FunctionalInterface
    interface Probe<T> {
        T get() throws Exception;
    }

    private Waits() {
    }

    /**
     * Calls {@code probe} every {@code every} until {@code done} holds for its answer or {@code wait}
     * has passed. A null answer never counts as done.
     *
     * @return the last answer, done or not: the caller asserts on it, so a failure shows what was seen
     */
    static <T> T until(Duration wait, Duration every, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            T answer = probe.get();
            if (answer != null && done.test(answer) || System.nanoTime() - deadline > 0) {
                return answer;
            }
            betweenPolls(every.toMillis());
        }
    }

    /** The pause between two polls of a condition that has its own deadline; never a wait for an outcome. */
    static void betweenPolls(long millis) throws InterruptedException {
        Object monitor = new Object();
        synchronized (monitor) {
            monitor.wait(millis);
        }
    }
}
