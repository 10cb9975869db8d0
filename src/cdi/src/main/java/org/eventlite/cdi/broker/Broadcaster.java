package org.eventlite.cdi.broker;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eventlite.api.EventOrigin;
import org.eventlite.cdi.EventLiteMetrics;
import org.eventlite.cdi.Unproxied;
import org.eventlite.connector.api.Delivery;
import org.eventlite.connector.api.PublisherPacing;
import org.eventlite.protocol.EventJson;

/**
 * Sends one accepted event everywhere it goes: to every subscriber (the frame encoded once for
 * every TCP connection; the cluster link is one of them), then observers and in-server
 * listeners, notified off-thread. Runs on the publisher's thread and never blocks.
 */
@ApplicationScoped
public class Broadcaster {

    @Inject
    SubscriptionRegistry registry;

    @Inject
    ObserverNotifier notifier;

    @Inject
    EventLiteMetrics metrics;

    /** Resolved once: on the publish path a client-proxy call costs a context lookup per event. */
    private EventLiteMetrics.Tally published;
    private EventLiteMetrics.Tally delivered;
    private SubscriptionRegistry subscribers;
    private ObserverNotifier observers;

    @PostConstruct
    void resolve() {
        published = metrics.published();
        delivered = metrics.delivered();
        subscribers = registry.unproxied().bean();
        observers = notifier.unproxied().bean();
    }

    /**
     * An accepted event, from a client or application here or from another server of the cluster
     * (which the cluster link does not send back). @return subscribers that queued it
     */
    public int broadcast(String name, EventJson json, EventOrigin origin) {
        return broadcast(name, json, origin, PublisherPacing.NONE);
    }

    /** As {@link #broadcast(String, EventJson, EventOrigin)}, from a publisher a subscriber may hold back. */
    public int broadcast(String name, EventJson json, EventOrigin origin, PublisherPacing publisher) {
        Delivery delivery = new Delivery(name, json, origin, publisher);
        int queued;
        try {
            queued = subscribers.deliver(delivery);
        } finally {
            delivery.delivered();
        }
        published.add(1);
        delivered.add(queued);
        observers.eventPublished(name, json, origin);
        return queued;
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}; for the request path. */
    public Unproxied<Broadcaster> unproxied() {
        return new Unproxied<>(this);
    }
}
