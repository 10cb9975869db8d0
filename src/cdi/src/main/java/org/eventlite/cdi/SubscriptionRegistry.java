package org.eventlite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;

/**
 * Which TCP connections subscribe to which event names and patterns.
 *
 * <p>Delivery reads a cache of "event name to receiving connections", lock-free;
 * a name not in the cache is matched once against the {@link SubscriptionTrie},
 * filtered by each subscription's {@link EventFilter} and cached. Any change of
 * subscriptions empties the cache. A connection receives an event once, however
 * many of its subscriptions match it.
 */
@ApplicationScoped
public class SubscriptionRegistry {

    /** Names with a cached match list; past this the cache starts over, so that many one-off names cost no memory. */
    static final int MAX_CACHED_NAMES = 4096;

    private static final Logger LOG = Logger.getLogger(SubscriptionRegistry.class.getName());

    private static final Connection[] NONE = new Connection[0];

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final SubscriptionTrie trie = new SubscriptionTrie();
    /** Guarded by {@link #lock}: each connection's subscriptions by pattern. */
    private final Map<Long, Map<String, Subscription>> byConnection = new HashMap<>();
    /** Written under {@link #lock}, read without. */
    private final ConcurrentHashMap<String, Connection[]> receivers = new ConcurrentHashMap<>();

    /** @return false if the connection already subscribes to {@code pattern} */
    public boolean subscribe(String pattern, Connection connection, EventFilter filter) {
        synchronized (lock) {
            Map<String, Subscription> own = byConnection.computeIfAbsent(connection.id(), id -> new LinkedHashMap<>());
            if (own.containsKey(pattern)) {
                return false;
            }
            Subscription subscription = new Subscription(pattern, connection, filter);
            own.put(pattern, subscription);
            trie.add(subscription);
            receivers.clear();
            return true;
        }
    }

    /** @return false if the connection did not subscribe to {@code pattern} */
    public boolean unsubscribe(String pattern, Connection connection) {
        synchronized (lock) {
            Map<String, Subscription> own = byConnection.get(connection.id());
            Subscription subscription = own == null ? null : own.remove(pattern);
            if (subscription == null) {
                return false;
            }
            if (own.isEmpty()) {
                byConnection.remove(connection.id());
            }
            trie.remove(subscription);
            receivers.clear();
            return true;
        }
    }

    /** Forgets every subscription of a closed connection. */
    public void remove(Connection connection) {
        synchronized (lock) {
            Map<String, Subscription> own = byConnection.remove(connection.id());
            if (own == null) {
                return;
            }
            own.values().forEach(trie::remove);
            receivers.clear();
        }
    }

    public boolean isSubscribed(Connection connection, String pattern) {
        synchronized (lock) {
            Map<String, Subscription> own = byConnection.get(connection.id());
            return own != null && own.containsKey(pattern);
        }
    }

    /** How many names and patterns {@code connection} subscribes to. */
    public int subscriptionsOf(Connection connection) {
        synchronized (lock) {
            Map<String, Subscription> own = byConnection.get(connection.id());
            return own == null ? 0 : own.size();
        }
    }

    /**
     * Queues {@code frame} on every connection that receives {@code event}; never blocks.
     *
     * @return how many connections it was queued on
     */
    public int deliver(String event, Frame frame) {
        int queued = 0;
        for (Connection receiver : receiversOf(event)) {
            if (receiver.send(frame)) {
                queued++;
            }
        }
        return queued;
    }

    /** The connections {@code event} goes to: each once, and only where the subscription's filter accepts it. */
    Connection[] receiversOf(String event) {
        Connection[] cached = receivers.get(event);
        if (cached != null) {
            return cached;
        }
        synchronized (lock) {
            // Computed and cached under the lock, so a concurrent change cannot leave a stale list behind.
            Connection[] computed = receivers.get(event);
            if (computed == null) {
                if (receivers.size() >= MAX_CACHED_NAMES) {
                    receivers.clear();
                }
                computed = match(event);
                receivers.put(event, computed);
            }
            return computed;
        }
    }

    private Connection[] match(String event) {
        List<Subscription> matching = trie.match(event);
        if (matching.isEmpty()) {
            return NONE;
        }
        Map<Long, Connection> unique = new LinkedHashMap<>();
        for (Subscription subscription : matching) {
            if (!unique.containsKey(subscription.connection().id()) && accepts(subscription, event)) {
                unique.put(subscription.connection().id(), subscription.connection());
            }
        }
        return new ArrayList<>(unique.values()).toArray(NONE);
    }

    /** A filter that throws denies: access decisions fail closed. */
    private static boolean accepts(Subscription subscription, String event) {
        try {
            return subscription.filter().accepts(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite receive filter of " + subscription.connection()
                    + " for '" + subscription.pattern() + "' failed on '" + event + "'; not delivered");
            return false;
        }
    }

    /** Subscriber counts per subscribed name or pattern, most subscribed first, at most {@code limit} of them. */
    public Map<String, Integer> subscribersByPattern(int limit) {
        Map<String, Integer> counts = new HashMap<>();
        synchronized (lock) {
            for (Map<String, Subscription> own : byConnection.values()) {
                for (String pattern : own.keySet()) {
                    counts.merge(pattern, 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        return top;
    }

    /** A subscriber connection and what it subscribes to, for the dashboard. */
    public record Subscriber(long id, String address, List<String> patterns) {
    }

    /** Up to {@code limit} subscriber connections, oldest first (TCP ids are positive, HTTP ones negative). */
    public List<Subscriber> subscribers(int limit) {
        List<Subscriber> found = new ArrayList<>();
        synchronized (lock) {
            for (Map<String, Subscription> own : byConnection.values()) {
                if (found.size() == limit) {
                    break;
                }
                Subscription any = own.values().iterator().next();
                found.add(new Subscriber(any.connection().id(), String.valueOf(any.connection().remoteAddress()),
                        List.copyOf(own.keySet())));
            }
        }
        return found;
    }

    /** How many event names have a cached receiver list. */
    int cachedNames() {
        return receivers.size();
    }

    public int subscriptionCount() {
        synchronized (lock) {
            return trie.size();
        }
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}; for the publish path. */
    public Unproxied<SubscriptionRegistry> unproxied() {
        return new Unproxied<>(this);
    }
}
