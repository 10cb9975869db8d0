package org.eventlite.cdi.broker;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.cdi.Unproxied;
import org.eventlite.cdi.access.EventFilter;
import org.eventlite.connector.api.Delivery;
import org.eventlite.connector.api.Subscriber;

/**
 * Which subscribers (TCP connections, SSE streams, applications) subscribe to which event names
 * and patterns.
 *
 * <p>Delivery reads a cache of "event name to receiving subscribers", lock-free;
 * a name not in the cache is matched once against the {@link SubscriptionTrie},
 * filtered by each subscription's {@link EventFilter} and cached. Any change of
 * subscriptions empties the cache. A subscriber receives an event once, however
 * many of its subscriptions match it.
 */
@ApplicationScoped
public class SubscriptionRegistry {

    /** Names with a cached match list; past this the cache starts over, so that many one-off names cost no memory. */
    static final int MAX_CACHED_NAMES = 4096;

    private static final Logger LOG = Logger.getLogger(SubscriptionRegistry.class.getName());

    private static final Subscriber[] NONE = new Subscriber[0];

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final SubscriptionTrie trie = new SubscriptionTrie();
    /** Guarded by {@link #lock}: each subscriber's subscriptions by pattern, by subscriber id. */
    private final Map<Long, Map<String, RegisteredSubscription>> bySubscriber = new HashMap<>();
    /** Written under {@link #lock}, read without. */
    private final ConcurrentHashMap<String, Subscriber[]> receivers = new ConcurrentHashMap<>();

    /** @return false if the subscriber already subscribes to {@code pattern} */
    public boolean subscribe(String pattern, Subscriber subscriber, EventFilter filter) {
        synchronized (lock) {
            Map<String, RegisteredSubscription> own = bySubscriber.computeIfAbsent(subscriber.id(), id -> new LinkedHashMap<>());
            if (own.containsKey(pattern)) {
                return false;
            }
            RegisteredSubscription subscription = new RegisteredSubscription(pattern, subscriber, filter);
            own.put(pattern, subscription);
            trie.add(subscription);
            receivers.clear();
            return true;
        }
    }

    /** @return false if the subscriber did not subscribe to {@code pattern} */
    public boolean unsubscribe(String pattern, Subscriber subscriber) {
        synchronized (lock) {
            Map<String, RegisteredSubscription> own = bySubscriber.get(subscriber.id());
            RegisteredSubscription subscription = own == null ? null : own.remove(pattern);
            if (subscription == null) {
                return false;
            }
            if (own.isEmpty()) {
                bySubscriber.remove(subscriber.id());
            }
            trie.remove(subscription);
            receivers.clear();
            return true;
        }
    }

    /** Forgets every subscription of a subscriber that is gone. */
    public void remove(Subscriber subscriber) {
        synchronized (lock) {
            Map<String, RegisteredSubscription> own = bySubscriber.remove(subscriber.id());
            if (own == null) {
                return;
            }
            own.values().forEach(trie::remove);
            receivers.clear();
        }
    }

    public boolean isSubscribed(Subscriber subscriber, String pattern) {
        synchronized (lock) {
            Map<String, RegisteredSubscription> own = bySubscriber.get(subscriber.id());
            return own != null && own.containsKey(pattern);
        }
    }

    /** How many names and patterns {@code subscriber} subscribes to. */
    public int subscriptionsOf(Subscriber subscriber) {
        synchronized (lock) {
            Map<String, RegisteredSubscription> own = bySubscriber.get(subscriber.id());
            return own == null ? 0 : own.size();
        }
    }

    /**
     * Hands the event to every subscriber that receives it; never blocks.
     *
     * @return how many subscribers queued it
     */
    public int deliver(Delivery delivery) {
        int queued = 0;
        for (Subscriber receiver : receiversOf(delivery.name())) {
            if (receiver.deliver(delivery)) {
                queued++;
            }
        }
        return queued;
    }

    /** The subscribers {@code event} goes to: each once, and only where the subscription's filter accepts it. */
    Subscriber[] receiversOf(String event) {
        Subscriber[] cached = receivers.get(event);
        if (cached != null) {
            return cached;
        }
        synchronized (lock) {
            // Computed and cached under the lock, so a concurrent change cannot leave a stale list behind.
            Subscriber[] computed = receivers.get(event);
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

    private Subscriber[] match(String event) {
        List<RegisteredSubscription> matching = trie.match(event);
        if (matching.isEmpty()) {
            return NONE;
        }
        Map<Long, Subscriber> unique = new LinkedHashMap<>();
        for (RegisteredSubscription subscription : matching) {
            if (!unique.containsKey(subscription.subscriber().id()) && accepts(subscription, event)) {
                unique.put(subscription.subscriber().id(), subscription.subscriber());
            }
        }
        return new ArrayList<>(unique.values()).toArray(NONE);
    }

    /** A filter that throws denies: access decisions fail closed. */
    private static boolean accepts(RegisteredSubscription subscription, String event) {
        try {
            return subscription.filter().accepts(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite receive filter of " + subscription.subscriber()
                    + " for '" + subscription.pattern() + "' failed on '" + event + "'; not delivered");
            return false;
        }
    }

    /** Subscriber counts per subscribed name or pattern, most subscribed first, at most {@code limit} of them. */
    public Map<String, Integer> subscribersByPattern(int limit) {
        Map<String, Integer> counts = new HashMap<>();
        synchronized (lock) {
            for (Map<String, RegisteredSubscription> own : bySubscriber.values()) {
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

    /** A subscriber and what it subscribes to, for the dashboard. */
    public record Listing(long id, String address, List<String> patterns) {
    }

    /** Up to {@code limit} subscribers, oldest first (TCP ids are positive, HTTP ones negative). */
    public List<Listing> subscribers(int limit) {
        List<Listing> found = new ArrayList<>();
        synchronized (lock) {
            for (Map<String, RegisteredSubscription> own : bySubscriber.values()) {
                if (found.size() == limit) {
                    break;
                }
                RegisteredSubscription any = own.values().iterator().next();
                found.add(new Listing(any.subscriber().id(), any.subscriber().location(),
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
