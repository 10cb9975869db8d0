package org.eventlite.connector.api;

import java.net.InetSocketAddress;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.Request;

/**
 * What the application does with connections. Every method except the
 * lifecycle ones runs on a network I/O thread, outside the application's
 * context: use only {@code @ApplicationScoped} beans and injected values, and
 * hand slow or contextual work (observers, lookups) to a managed executor.
 * A method that blocks stalls every connection of that I/O loop.
 */
public interface ConnectionHandler {

    /**
     * The broker behind this handler, for applications' connection factories and message-driven
     * beans; null if it serves only sockets.
     */
    default InServerBroker inServerBroker() {
        return null;
    }

    /** Where the listener counts traffic, refused requests and slow consumers; read once, before binding. */
    default ListenerCounters counters() {
        return ListenerCounters.NONE;
    }

    /** The limits and threads the listener works with; read once, before binding. */
    ListenerSettings settings();

    /**
     * A decoded request. Reply with {@link Connection#send} ({@link Frame#OK},
     * {@link Frame#PERMISSION_DENIED}) before making a new subscriber visible to
     * publishers, so that the reply precedes every frame.
     */
    void onRequest(Connection connection, Request request);

    /**
     * A publish request line is complete; its body has not been read. Decide access here, so
     * that a denied body costs nothing: on false the handler has replied, and the connector
     * reads the body to its end and drops it. On true the body is decoded and handed to
     * {@link #onRequest} as a publish, which is then not decided again.
     */
    boolean admitPublish(Connection connection, String event, Credentials credentials);

    /**
     * A write batch that held event frames is fully on the socket; the oldest of
     * them was made {@code oldestEventAgeNanos} ago. The batch's worst, for a
     * publish-to-deliver latency histogram: one batch in
     * {@link ListenerSettings#latencySampleEvery()} of each I/O loop.
     */
    default void onEventsWritten(long oldestEventAgeNanos) {
    }

    /** The connection has closed, for whatever reason; called once per connection. */
    void onClosed(Connection connection, CloseReason reason);

    /** The listener has bound its address and accepts connections. */
    void onListening(InetSocketAddress address);

    /** The listener could not bind or lost its socket; it accepts nothing. */
    void onListenFailed(String reason);

    /** The activation has ended: every connection is closed and the port released. */
    void onStopped();
}
