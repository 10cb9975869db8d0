package org.eventlite.connector.api;

/**
 * Anything the broker delivers events to: a TCP connection, an SSE stream, an application's
 * listener or message-driven bean, the cluster link. Delivery never blocks: a subscriber queues
 * the event and writes or calls later, on its own thread, within its own limits.
 */
public interface Subscriber {

    /** Unique among the broker's subscribers. */
    long id();

    /** Where it is, for logs and the dashboard: a socket address, or the application it belongs to. */
    String location();

    /**
     * Queues the event without blocking.
     *
     * @return true if it was queued for a client, which counts as a delivery; false if this
     *         subscriber is gone or just dropped the event or itself as too slow, and for the cluster
     *         link, which forwards rather than delivers and counts what it forwards itself
     */
    boolean deliver(Delivery delivery);
}
