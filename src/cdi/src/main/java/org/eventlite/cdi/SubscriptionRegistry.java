package org.eventlite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;

/**
 * Which TCP connections subscribe to which event names. Lock-free for
 * delivery; a connection's own subscribe and close both arrive on its I/O
 * thread, so they never race with each other.
 */
@ApplicationScoped
public class SubscriptionRegistry {

    private final ConcurrentHashMap<String, Set<Connection>> byEvent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<String>> byConnection = new ConcurrentHashMap<>();

    /** @return false if the connection already subscribes to {@code event} */
    public boolean subscribe(String event, Connection connection) {
        Set<String> events = byConnection.computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet());
        if (!events.add(event)) {
            return false;
        }
        byEvent.compute(event, (name, set) -> {
            Set<Connection> subscribers = set != null ? set : ConcurrentHashMap.newKeySet();
            subscribers.add(connection);
            return subscribers;
        });
        return true;
    }

    /** @return false if the connection did not subscribe to {@code event} */
    public boolean unsubscribe(String event, Connection connection) {
        Set<String> events = byConnection.get(connection.id());
        if (events == null || !events.remove(event)) {
            return false;
        }
        byEvent.computeIfPresent(event, (name, subscribers) -> {
            subscribers.remove(connection);
            return subscribers.isEmpty() ? null : subscribers;
        });
        return true;
    }

    public boolean isSubscribed(Connection connection, String event) {
        Set<String> events = byConnection.get(connection.id());
        return events != null && events.contains(event);
    }

    /** How many events {@code connection} subscribes to. */
    public int subscriptionsOf(Connection connection) {
        Set<String> events = byConnection.get(connection.id());
        return events == null ? 0 : events.size();
    }

    /** Forgets every subscription of a closed connection. */
    public void remove(Connection connection) {
        Set<String> events = byConnection.remove(connection.id());
        if (events == null) {
            return;
        }
        for (String event : events) {
            byEvent.computeIfPresent(event, (name, subscribers) -> {
                subscribers.remove(connection);
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
    }

    /**
     * Queues {@code frame} on every subscriber of {@code event}; never blocks.
     *
     * @return how many connections it was queued on
     */
    public int deliver(String event, Frame frame) {
        Set<Connection> subscribers = byEvent.get(event);
        if (subscribers == null) {
            return 0;
        }
        int queued = 0;
        for (Connection subscriber : subscribers) {
            if (subscriber.send(frame)) {
                queued++;
            }
        }
        return queued;
    }

    public int subscriptionCount() {
        int count = 0;
        for (Set<String> events : byConnection.values()) {
            count += events.size();
        }
        return count;
    }

    public int subscriberCount(String event) {
        Set<Connection> subscribers = byEvent.get(event);
        return subscribers == null ? 0 : subscribers.size();
    }
}
