package org.eventlite.client.cli;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The settings and the shared tallies of one benchmark run; the first failure is the one reported. */
final class BenchRun {

    final String event;
    final BenchWire wire;
    final int publishers;
    final int events;
    final int size;
    /** Events per second per publisher; 0 publishes as fast as acknowledged. */
    final int rate;
    final AtomicLong deliveries = new AtomicLong();
    final Latencies latencies = new Latencies();
    private final AtomicReference<String> failure = new AtomicReference<>();

    BenchRun(String event, BenchWire wire, int publishers, int events, int size, int rate) {
        this.event = event;
        this.wire = wire;
        this.publishers = publishers;
        this.events = events;
        this.size = size;
        this.rate = rate;
    }

    long eventsPerSubscriber() {
        return (long) publishers * events;
    }

    void fail(String why) {
        failure.compareAndSet(null, why);
    }

    /** The first failure, or null. */
    String failure() {
        return failure.get();
    }
}
