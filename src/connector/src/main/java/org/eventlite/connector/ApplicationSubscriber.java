package org.eventlite.connector;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.api.EventOrigin;
import org.eventlite.connector.api.Delivery;
import org.eventlite.connector.api.SerialExecutor;
import org.eventlite.connector.api.Subscriber;

/**
 * An application's subscriber: an MDB or a listener. Events queue here and are handed over one
 * at a time, in order, on container threads; one that falls behind by {@code maxPendingEvents}
 * or {@code maxPendingBytes} misses the events past that (counted and logged), as a slow TCP
 * subscriber is dropped, so a stuck application holds up nobody else and costs bounded memory.
 */
final class ApplicationSubscriber implements Subscriber {

    /** Below every id the TCP listener (positive) and the HTTP gateway (small negative) give out. */
    private static final AtomicLong IDS = new AtomicLong(Long.MIN_VALUE);

    private final long id = IDS.incrementAndGet();
    private final String location;
    private final EventLiteMessageListener target;
    private final SerialExecutor queue;

    ApplicationSubscriber(String location, EventLiteMessageListener target, WorkManager workManager,
            int maxPendingEvents, long maxPendingBytes) {
        this.location = location;
        this.target = target;
        this.queue = new SerialExecutor("EventLite " + location, onWorkManager(workManager), maxPendingEvents,
                maxPendingBytes);
    }

    private static Executor onWorkManager(WorkManager workManager) {
        return task -> {
            try {
                workManager.scheduleWork(new Work() {
                    @Override
                    public void run() {
                        task.run();
                    }

                    @Override
                    public void release() {
                        // The task ends by itself once its queue is empty.
                    }
                });
            } catch (WorkException e) {
                throw new RejectedExecutionException("the WorkManager refused the delivery", e);
            }
        };
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String location() {
        return location;
    }

    /** A refusal by the WorkManager is logged by the queue and costs only this subscriber the event. */
    @Override
    public boolean deliver(Delivery delivery) {
        String name = delivery.name();
        String json = delivery.text();
        EventOrigin origin = delivery.origin();
        try {
            return queue.execute(delivery.json().length(), () -> target.onEvent(name, json, origin));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return location;
    }
}
