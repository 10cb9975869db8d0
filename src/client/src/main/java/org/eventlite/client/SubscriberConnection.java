package org.eventlite.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.protocol.ProtocolException;
import org.eventlite.protocol.RequestEncoder;
import org.eventlite.protocol.ServerMessageDecoder;
import org.eventlite.protocol.ServerMessageSink;

/**
 * One subscription on its own connection and its own thread, which connects,
 * subscribes, reads frames and runs the callback, and after a lost connection
 * reconnects with backoff and subscribes again. A slow callback therefore
 * delays only its own subscription.
 */
final class SubscriberConnection implements Subscription, ServerMessageSink {

    private static final Logger LOG = Logger.getLogger(SubscriberConnection.class.getName());

    private final String event;
    private final Consumer<JsonObject> callback;
    private final ClientSettings settings;
    private final Backoff backoff;
    /** Completes on the first {@code ok}, or fails on the first refusal or connection failure. */
    private final CompletableFuture<Void> firstReply = new CompletableFuture<>();
    private final Thread thread;

    private volatile boolean closed;
    private volatile boolean active;
    private volatile Socket socket;
    /** Set when the server refused the subscription: reconnecting would not help. */
    private volatile EventLiteException refusal;
    /** Reader thread only: the server is out of a resource for now (connections, memory); reconnect later. */
    private String busyReply;
    /** Reader thread only: the connection was lost since the last ok, so the next ok is a reconnection. */
    private boolean lost;

    SubscriberConnection(String event, Consumer<JsonObject> callback, ClientSettings settings) {
        this.event = event;
        this.callback = callback;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.thread = new Thread(this::run, "eventlite-subscriber-" + event);
        this.thread.setDaemon(true);
    }

    CompletableFuture<Void> start() {
        thread.start();
        return firstReply;
    }

    @Override
    public String event() {
        return event;
    }

    @Override
    public boolean active() {
        return active;
    }

    private void run() {
        while (!closed && refusal == null) {
            try (Socket connected = Sockets.open(settings)) {
                socket = connected;
                if (closed) {
                    return;
                }
                connected.getOutputStream().write(RequestEncoder.subscribe(event, settings.credentials()));
                readUntilClosed(connected.getInputStream());
            } catch (IOException | ProtocolException e) {
                if (!firstReply.isDone()) {
                    firstReply.completeExceptionally(new ConnectionLostException(
                            "cannot subscribe to '" + event + "' at " + settings.host() + ":" + settings.port()
                                    + ": " + e.getMessage(), e));
                    return;
                }
                if (!closed) {
                    LOG.log(Level.INFO, "EventLite subscription ''{0}'' lost its connection ({1}); reconnecting",
                            new Object[] {event, e.getMessage()});
                    lost = true;
                    tell(listener -> listener.disconnected(event, e));
                }
            } finally {
                active = false;
            }
            if (!closed && refusal == null) {
                LockSupport.parkNanos(backoff.nextDelayNanos());
            }
        }
    }

    private void readUntilClosed(InputStream in) throws IOException, ProtocolException {
        ServerMessageDecoder decoder = new ServerMessageDecoder(settings.maxEventBytes());
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (!closed && refusal == null && (n = in.read(buffer)) >= 0) {
            decoder.feed(ByteBuffer.wrap(buffer, 0, n), this);
            if (busyReply != null) {
                String reply = busyReply;
                busyReply = null;
                throw new IOException("the server is busy: " + reply.strip());
            }
        }
        if (!closed && refusal == null) {
            throw new IOException("the server closed the connection");
        }
    }

    @Override
    public void ok() {
        active = true;
        backoff.reset();
        firstReply.complete(null);
        if (lost) {
            lost = false;
            tell(listener -> listener.reconnected(event));
        }
    }

    /** Calls the client's connection listener; what it throws does not reach the subscription. */
    private void tell(java.util.function.Consumer<ConnectionListener> call) {
        try {
            call.accept(settings.listener());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "An EventLite connection listener failed on '" + event + "'");
        }
    }

    @Override
    public void permissionDenied() {
        refuse(new PermissionDeniedException(event));
    }

    /**
     * A refusal for want of a resource the server will have again (connections, memory) is
     * retried with backoff once the subscription has been made; any other error is final.
     */
    @Override
    public void errorReply(String line) {
        ServerErrorException error = new ServerErrorException(line);
        if (firstReply.isDone() && ServerErrorException.BUSY_CODES.contains(error.code())) {
            busyReply = line;
            return;
        }
        refuse(error);
    }

    private void refuse(EventLiteException why) {
        refusal = why;
        tell(listener -> listener.subscriptionRefused(event, why));
        if (!firstReply.completeExceptionally(why)) {
            LOG.log(Level.WARNING, "EventLite subscription ''{0}'' was refused after reconnecting: {1}",
                    new Object[] {event, why.getMessage()});
        }
    }

    /**
     * No event ends a subscription: one this client cannot represent (a number beyond what
     * Java's BigDecimal holds, such as {@code 1e9999999999}) is logged and skipped.
     */
    @Override
    public void event(byte[] json) {
        JsonObject data;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            data = reader.readObject();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "EventLite subscription ''{0}'' skipped an event it cannot read as JSON: {1}",
                    new Object[] {event, e.toString()});
            tell(listener -> listener.error(event, e));
            return;
        }
        try {
            callback.accept(data);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "An EventLite listener of '" + event + "' failed; it keeps listening");
            tell(listener -> listener.error(event, e));
        }
    }

    @Override
    public void close() {
        closed = true;
        active = false;
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        LockSupport.unpark(thread);
    }
}
