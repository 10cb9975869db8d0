package org.eventlite.cdi.access;

import org.eventlite.protocol.Credentials;

/**
 * Who may publish and subscribe, modelled on the original server's
 * {@code on_authenticate_publisher} and {@code on_authenticate_subscriber}
 * hooks (client, event, username, password). The shipped
 * {@link ConfiguredAccessPolicy} reads users from configuration; to replace it,
 * give the application an {@code @ApplicationScoped @Alternative @Priority(...)}
 * bean implementing this interface.
 *
 * <p>Called on a network I/O thread for every request: answer from memory,
 * do not block. Throwing counts as a denial.
 */
public interface EventAccessPolicy {

    boolean mayPublish(Client client, String event, Credentials credentials);

    /** @param pattern an event name, or a pattern with {@code *} and {@code >} tokens */
    boolean maySubscribe(Client client, String pattern, Credentials credentials);

    /**
     * Of the events matching a subscription {@link #maySubscribe} allowed, which
     * the subscriber may receive. Asked once per subscription; the default lets
     * it receive every event its pattern matches.
     */
    default EventFilter receivable(Client client, String pattern, Credentials credentials) {
        return EventFilter.ALL;
    }

    /**
     * Whether the client may see who is connected and subscribed to what (the dashboard's
     * statistics: addresses and subscription names). Denied unless a policy says otherwise.
     */
    default boolean mayMonitor(Client client, Credentials credentials) {
        return false;
    }
}
