package org.eventlite.connector.api;

import java.util.List;
import org.eventlite.api.EventRejectedException;
import org.eventlite.protocol.Credentials;

/**
 * What the broker offers applications on the server, through the adapter's connection factory
 * and message-driven beans: publishing and subscribing, decided by the same access rules as a
 * TCP client's requests. Called on application and container threads; never blocks.
 */
public interface InServerBroker {

    /**
     * Publishes {@code json} as event {@code name} for {@code credentials}.
     *
     * @return how many subscribers of this server it was queued for
     * @throws EventRejectedException when it is invalid or denied
     */
    int publish(Credentials credentials, String name, String json);

    /**
     * Subscribes {@code subscriber} to every pattern, or to none when one is invalid or denied.
     *
     * @throws EventRejectedException naming the first pattern refused
     */
    void subscribe(Credentials credentials, List<String> patterns, Subscriber subscriber);

    /** Forgets every subscription of {@code subscriber}. */
    void unsubscribe(Subscriber subscriber);
}
