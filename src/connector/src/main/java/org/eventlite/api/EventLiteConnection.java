package org.eventlite.api;

import java.util.Collection;

/**
 * A connection to the broker of this server, from {@link EventLiteConnectionFactory}. Publishing
 * and subscribing are decided by the access rules for the connection's identity, as for a TCP
 * client on the loopback address. Not for use by two threads at once; close it when done.
 */
public interface EventLiteConnection extends AutoCloseable {

    /**
     * Publishes {@code json}, a JSON object, as event {@code name}.
     *
     * @return how many subscribers of this server it was queued for
     * @throws EventRejectedException when it is invalid, denied or the broker is not running
     */
    int publish(String name, String json);

    /**
     * Calls {@code listener} with every event matching any of {@code patterns}, once per event,
     * on a container thread without the application's context (wrap the listener with a
     * {@code ContextService} proxy if it needs one). The subscription outlives this connection
     * and lasts until closed; a listener that falls behind its queue's limit misses events.
     *
     * @throws EventRejectedException when a pattern is invalid or denied; nothing is subscribed then
     */
    EventSubscription subscribe(Collection<String> patterns, EventLiteMessageListener listener);

    /** Returns the connection to the pool. */
    @Override
    void close();
}
