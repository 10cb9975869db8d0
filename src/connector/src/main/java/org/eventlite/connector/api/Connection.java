package org.eventlite.connector.api;

import java.net.InetSocketAddress;
import org.eventlite.protocol.ErrorCode;

/**
 * One client connection, as the application sees it. Thread-safe: any thread
 * may send to or close any connection; the bytes are written by the
 * connection's own I/O loop, in the order they were sent.
 */
public interface Connection extends Subscriber {

    /** Unique within the listener's lifetime. */
    @Override
    long id();

    InetSocketAddress remoteAddress();

    @Override
    default String location() {
        return String.valueOf(remoteAddress());
    }

    /** Queues the event's frame, shared with every other connection it goes to. */
    @Override
    default boolean deliver(Delivery delivery) {
        return send(delivery.frame());
    }

    /**
     * Queues a frame without blocking. A subscriber whose pending bytes would
     * pass the limit is closed as a slow consumer instead.
     *
     * @return false if the connection is closed or was just closed as too slow
     */
    boolean send(Frame frame);

    /** How this connection's publishes can be held back; by default they cannot. */
    default PublisherPacing pacing() {
        return PublisherPacing.NONE;
    }

    /** Writes the error's reply, then closes. */
    void close(ErrorCode reason);

    boolean isOpen();
}
