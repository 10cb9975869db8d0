package org.eventlite.connector;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.api.EventRejectedException;
import org.eventlite.connector.api.InServerBroker;
import org.eventlite.connector.api.Subscriber;
import org.eventlite.protocol.Credentials;

/**
 * The adapter's way to the broker for applications: EventLite's application announces its broker
 * when its listener opens, and may restart while other applications stay. Applications'
 * subscriptions are kept here and made again with each new broker, so an MDB activated before
 * EventLite starts, or across its redeployment, keeps receiving.
 */
final class BrokerLink {

    private static final Logger LOG = Logger.getLogger(BrokerLink.class.getName());

    private record Wanted(Credentials credentials, List<String> patterns) {
    }

    private final Map<Subscriber, Wanted> subscribers = new ConcurrentHashMap<>();
    private volatile InServerBroker broker;

    /** The broker is up: every kept subscription is made with it. */
    synchronized void attach(InServerBroker current) {
        broker = current;
        subscribers.forEach((subscriber, wanted) -> {
            try {
                current.subscribe(wanted.credentials(), wanted.patterns(), subscriber);
            } catch (EventRejectedException e) {
                LOG.log(Level.SEVERE, "EventLite refused the subscription of {0} to {1} as {2}: {3}",
                        new Object[] {subscriber.location(), wanted.patterns(), wanted.credentials(), e.getMessage()});
            }
        });
    }

    /** The broker has stopped; its subscriptions went with it. */
    synchronized void detach(InServerBroker stopped) {
        if (broker == stopped) {
            broker = null;
        }
    }

    int publish(Credentials credentials, String name, String json) {
        return running().publish(credentials, name, json);
    }

    /**
     * Subscribes now if the broker runs, refusing what it refuses; otherwise keeps the
     * subscription for when it starts.
     */
    synchronized void subscribe(Credentials credentials, List<String> patterns, Subscriber subscriber) {
        InServerBroker current = broker;
        if (current != null) {
            current.subscribe(credentials, patterns, subscriber);
        }
        subscribers.put(subscriber, new Wanted(credentials, List.copyOf(patterns)));
    }

    synchronized void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
        InServerBroker current = broker;
        if (current != null) {
            current.unsubscribe(subscriber);
        }
    }

    /** Subscriptions kept for applications, for tests of undeployment. */
    int subscriptions() {
        return subscribers.size();
    }

    private InServerBroker running() {
        InServerBroker current = broker;
        if (current == null) {
            throw new EventRejectedException(EventRejectedException.Reason.UNAVAILABLE,
                    "EventLite's application is not running on this server");
        }
        return current;
    }
}
