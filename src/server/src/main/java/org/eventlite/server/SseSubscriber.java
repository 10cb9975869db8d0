package org.eventlite.server;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.Frames;

/**
 * A Server-Sent Events client as a subscriber connection: one SSE message per
 * broadcast event, its data the event's JSON. {@link #send}
 * only queues (it runs on the publisher's thread); a managed thread writes, one
 * event at a time and in order. Treated like a slow TCP subscriber: more than
 * {@code maxPendingBytes} queued, or a write taking longer than
 * {@code writeTimeout}, drops it, logged and counted.
 */
final class SseSubscriber implements Connection {

    private static final Logger LOG = Logger.getLogger(SseSubscriber.class.getName());

    private final long id = HttpClients.nextId();
    private final InetSocketAddress address;
    private final SseEventSink sink;
    private final Sse sse;
    private final Executor executor;
    private final long maxPendingBytes;
    private final Duration writeTimeout;
    /** Told once, with the reason, when the stream ends. */
    private final BiConsumer<SseSubscriber, String> closed;
    /** Frames and prepared control events, in order. */
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Frame lastReply;
    private volatile ErrorCode refusal;

    SseSubscriber(InetSocketAddress address, SseEventSink sink, Sse sse, Executor executor, long maxPendingBytes,
            Duration writeTimeout, BiConsumer<SseSubscriber, String> closed) {
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

    @Override
    public InetSocketAddress remoteAddress() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /** Replies to subscribe requests are kept for the resource to read; event frames are queued for the client. */
    @Override
    public boolean send(Frame frame) {
        if (frame == Frame.OK || frame == Frame.PERMISSION_DENIED) {
            lastReply = frame;
            return true;
        }
        if (!open.get()) {
            return false;
        }
        if (pendingBytes.addAndGet(frame.length()) > maxPendingBytes) {
            pendingBytes.addAndGet(-frame.length());
            end(ErrorCode.SLOW_CONSUMER.id() + ": more than " + maxPendingBytes + " bytes pending");
            return false;
        }
        enqueue(frame);
        return true;
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

    /** Queues a control event ({@code subscribed}) behind what is queued. */
    void sendControl(String name, String json) {
        enqueue(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(json).build());
    }

    @Override
    public void close(ErrorCode reason) {
        refusal = reason;
        end(reason.id());
    }

    Frame lastReply() {
        return lastReply;
    }

    ErrorCode refusal() {
        return refusal;
    }

    private void enqueue(Object item) {
        queue.add(item);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Object item;
            while (open.get() && (item = queue.poll()) != null) {
                if (item instanceof Frame frame) {
                    pendingBytes.addAndGet(-frame.length());
                    write(toSse(frame));
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
    private OutboundSseEvent toSse(Frame frame) {
        String json = new String(Frames.decode(frame.view()), StandardCharsets.UTF_8);
        return sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE).data(json).build();
    }

    private void write(OutboundSseEvent event) {
        try {
            sink.send(event).toCompletableFuture().get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            end(ErrorCode.SLOW_CONSUMER.id() + ": no write progress for " + writeTimeout.toMillis() + " ms");
        } catch (ExecutionException | RuntimeException e) {
            end("closed by peer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end("server stopping");
        }
    }

    /**
     * Closes the stream once and says why. May be called on a publisher's I/O thread
     * (a slow consumer found in {@link #send}), so the close itself, which may wait
     * on the client's socket, runs on the executor.
     */
    void end(String reason) {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        queue.clear();
        if (reason.startsWith(ErrorCode.SLOW_CONSUMER.id())) {
            LOG.log(Level.WARNING, "EventLite dropped slow SSE subscriber {0}: {1}", new Object[] {this, reason});
        }
        // Unsubscribed first: closing may wait as long as a write to the stalled client blocks
        // (Liberty's HTTP write timeout), and no event should queue up meanwhile.
        executor.execute(() -> {
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
