package org.eventlite.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.eventlite.cdi.EventLiteMetrics;
import org.eventlite.cdi.broker.SubscriptionRegistry;
import org.eventlite.connector.api.ListenerStatus;

/**
 * The statistics every dashboard viewer sees, made at most once a period: scanning and
 * sorting the registry takes its lock, which publishers need too, so its cost must not
 * grow with the number of viewers.
 */
@ApplicationScoped
public class StatsSnapshots {

    static final int TOP = 20;
    static final long PERIOD_MILLIS = 1000;

    @Inject
    EventLiteMetrics metrics;

    @Inject
    SubscriptionRegistry registry;

    private JsonObject latest;
    private long madeAtNanos;

    /** The snapshot of this period, made by the first viewer to ask in it. */
    synchronized JsonObject current() {
        long now = System.nanoTime();
        if (latest == null || now - madeAtNanos >= PERIOD_MILLIS * 1_000_000 * 9 / 10) {
            latest = make();
            madeAtNanos = now;
        }
        return latest;
    }

    private JsonObject make() {
        JsonObjectBuilder stats = Json.createObjectBuilder()
                .add("time", System.currentTimeMillis())
                .add("published", metrics.published().total())
                .add("delivered", metrics.delivered().total())
                .add("subscriptions", registry.subscriptionCount());
        ListenerStatus listener = metrics.listener().orElse(null);
        if (listener != null) {
            stats.add("connections", listener.openConnections())
                    .add("bytesRead", listener.bytesRead())
                    .add("bytesWritten", listener.bytesWritten())
                    .add("decodeErrors", listener.decodeErrors())
                    .add("slowConsumerDisconnects", listener.slowConsumerDisconnects());
        }
        JsonArrayBuilder byName = Json.createArrayBuilder();
        registry.subscribersByPattern(TOP).forEach((name, count) ->
                byName.add(Json.createObjectBuilder().add("name", name).add("subscribers", count)));
        JsonArrayBuilder subscribers = Json.createArrayBuilder();
        for (SubscriptionRegistry.Listing subscriber : registry.subscribers(TOP)) {
            subscribers.add(Json.createObjectBuilder().add("id", subscriber.id())
                    .add("address", subscriber.address())
                    .add("subscriptions", Json.createArrayBuilder(subscriber.patterns())));
        }
        return stats.add("byName", byName).add("subscribers", subscribers).build();
    }
}
