package org.eventlite.tools;

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
    /** Events per publisher at the start whose latency is not recorded (they are still checked and counted). */
    final int untimedEvents;
    final BenchShape shape;
    final AtomicLong deliveries = new AtomicLong();
    /** Every subscriber of the run, for the publishers' end-to-end window; filled before publishing starts. */
    final java.util.List<BenchSubscriber> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Latencies latencies;
    /** Seconds the subscribers took to connect and subscribe, one after the other. */
    volatile double subscribeSeconds;
    private final AtomicReference<String> failure = new AtomicReference<>();

    BenchRun(String event, BenchWire wire, int publishers, int subscribers, int events, int size, int rate,
            int untimedEvents, BenchShape shape) {
        this.event = event;
        this.wire = wire;
        this.publishers = publishers;
        this.events = events;
        this.size = size;
        this.rate = rate;
        this.untimedEvents = untimedEvents;
        this.shape = shape;
        long timed = rate > 0 ? (long) publishers * subscribers * Math.max(0, events - untimedEvents) : 0;
        this.latencies = new Latencies(timed);
    }

    /** The events of {@code publisher} that every subscriber has received. */
    int deliveredToAll(int publisher) {
        int least = Integer.MAX_VALUE;
        for (BenchSubscriber subscriber : subscribers) {
            least = Math.min(least, subscriber.received(publisher));
        }
        return least;
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
