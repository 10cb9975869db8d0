package org.eventlite.it;

/** The pause between two polls of a condition that has its own deadline; never a wait for an outcome. */
final class Waits {

    private Waits() {
    }

    static void betweenPolls(long millis) throws InterruptedException {
        Object monitor = new Object();
        synchronized (monitor) {
            monitor.wait(millis);
        }
    }
}
