package org.eventlite.server;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.Delivery;
import org.eventlite.connector.api.Subscriber;

/**
 * A Server-Sent Events client as a subscriber: one SSE message per broadcast event, its data
 * the event's JSON as the broker has it (no frame decoded back). {@link #deliver}
 * only queues (it runs on the publisher's thread); a thread of the application's
 * {@code blockingWork} executor writes, one event at a time and in order: Liberty's
 * output blocks it while the client does not read. Treated like a slow TCP subscriber: more than
 * {@code maxPendingBytes} queued, or a write taking longer than
 * {@code writeTimeout}, drops it, logged and counted.
 */
final class SseSubscriber implements Subscriber {

    private static final Logger LOG = Logger.getLogger(SseSubscriber.class.getName());

    private final long id = HttpClients.nextId();
    private final InetSocketAddress address;
    private final SseEventSink sink;
    private final Sse sse;
    private final Executor executor;
    private final long maxPendingBytes;
    private final Duration writeTimeout;
    /** Told once, with the reason, when the stream ends. */
    private final BiConsumer<SseSubscriber, CloseReason> closed;
    /** Events' JSON texts and prepared control events, in order. */
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);

    SseSubscriber(InetSocketAddress address, SseEventSink sink, Sse sse, Executor executor, long maxPendingBytes,
            Duration writeTimeout, BiConsumer<SseSubscriber, CloseReason> closed) {
        this.address = address;
        this.sink = sink;
        this.sse = sse;
        this.executor = executor;
        this.maxPendingBytes = maxPendingBytes;
        this.writeTimeout = writeTimeout;
        this.closed = closed;
    }

    @Override
    public long id() {
        return id;
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public String location() {
        return String.valueOf(address);
    }

    @Override
    public boolean deliver(Delivery delivery) {
        if (!open.get()) {
            return false;
        }
        int length = delivery.json().length();
        if (pendingBytes.addAndGet(length) > maxPendingBytes) {
            pendingBytes.addAndGet(-length);
            end(CloseReason.slowConsumer("more than " + maxPendingBytes + " bytes pending"));
            return false;
        }
        enqueue(new EventText(delivery.text(), length));
        return true;
    }

    /** An event waiting to be written, and the bytes it counts for. */
    private record EventText(String json, int length) {
    }

    /**
     * A comment line behind what is queued: keeps proxies from timing the stream out,
     * and finds clients that left without a word, whose subscriptions would otherwise
     * linger until the next matching event.
     */
    void heartbeat() {
        if (open.get() && queue.isEmpty()) {
            enqueue(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    /** False once {@link #end} was called: the stream is closed or closing. */
    boolean isOpen() {
        return open.get();
    }

    /** Queues a control event ({@code subscribed}) behind what is queued. */
    void sendControl(String name, String json) {
        enqueue(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(json).build());
    }

    private void enqueue(Object item) {
        queue.add(item);
        if (draining.compareAndSet(false, true)) {
            run(this::drain);
        }
    }

    /** On the executor; once it takes no more work (the application stops), the stream just ends. */
    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException | IllegalStateException e) {
            open.set(false);
            queue.clear();
        }
    }

    private void drain() {
        do {
            Object item;
            while (open.get() && (item = queue.poll()) != null) {
                if (item instanceof EventText event) {
                    pendingBytes.addAndGet(-event.length());
                    write(toSse(event.json()));
                } else {
                    write((OutboundSseEvent) item);
                }
            }
            draining.set(false);
        } while (open.get() && !queue.isEmpty() && draining.compareAndSet(false, true));
    }

    /**
     * Unnamed, so that a browser's {@code EventSource.onmessage} receives every event,
     * whatever its name or the pattern that matched it; the JSON's {@code "event"} names it.
     */
    private OutboundSseEvent toSse(String json) {
        return sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE).data(json).build();
    }

    private void write(OutboundSseEvent event) {
        try {
            sink.send(event).toCompletableFuture().get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            end(CloseReason.slowConsumer("no write progress for " + writeTimeout.toMillis() + " ms"));
        } catch (ExecutionException | RuntimeException e) {
            end(CloseReason.PEER_CLOSED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(CloseReason.SERVER_STOPPING);
        }
    }

    /**
     * Closes the stream once and says why. May be called on a publisher's I/O thread
     * (a slow consumer found in {@link #deliver}), so the close itself, which may wait
     * on the client's socket, runs on the executor.
     */
    void end(CloseReason reason) {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        queue.clear();
        if (reason.kind() == CloseReason.Kind.SLOW_CONSUMER) {
            LOG.log(Level.WARNING, "EventLite dropped slow SSE subscriber {0}: {1}", new Object[] {this, reason});
        }
        // Unsubscribed first: closing may wait as long as a write to the stalled client blocks
        // (Liberty's HTTP write timeout), and no event should queue up meanwhile.
        run(() -> {
            closed.accept(this, reason);
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing an SSE stream failed: {0}", e.getMessage());
            }
        });
    }

    @Override
    public String toString() {
        return "SseSubscriber[" + id + " " + address + "]";
    }
}
