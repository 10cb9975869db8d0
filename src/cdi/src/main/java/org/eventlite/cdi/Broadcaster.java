package org.eventlite.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eventlite.api.EventOrigin;
import org.eventlite.connector.api.Delivery;
import org.eventlite.protocol.EventJson;

/**
 * Sends one accepted event everywhere it goes: to every subscriber (the frame encoded once for
 * every TCP connection), then observers and in-server listeners, notified off-thread. Runs on the publisher's thread and never
 * blocks.
 */
@ApplicationScoped
public class Broadcaster {

    @Inject
    SubscriptionRegistry registry;

    @Inject
    ObserverNotifier notifier;

    @Inject
    EventLiteMetrics metrics;

    @Inject
    ClusterBridge cluster;

    /** Resolved once: on the publish path a client-proxy call costs a context lookup per event. */
    private EventLiteMetrics.Tally published;
    private EventLiteMetrics.Tally delivered;
    private ClusterBridge link;
    private SubscriptionRegistry subscribers;
    private ObserverNotifier observers;

    @PostConstruct
    void resolve() {
        published = metrics.published();
        delivered = metrics.delivered();
        link = cluster.unproxied().bean();
        subscribers = registry.unproxied().bean();
        observers = notifier.unproxied().bean();
    }

    /** An event accepted on this server: delivered here and forwarded to the cluster. @return subscribers queued on */
    public int broadcast(String name, EventJson json, EventOrigin origin) {
        int queued = deliverHere(name, json, origin);
        link.forward(name, json, origin);
        return queued;
    }

    /** An event another server accepted: delivered here only, so that nothing goes round twice. */
    void deliverFromCluster(String name, EventJson json, EventOrigin origin) {
        deliverHere(name, json, origin);
    }

    private int deliverHere(String name, EventJson json, EventOrigin origin) {
        int queued = subscribers.deliver(new Delivery(name, json, origin));
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
