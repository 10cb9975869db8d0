package org.eventlite.server;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eventlite.cdi.EventLiteMetrics;
import org.eventlite.cdi.SubscriptionRegistry;
import org.eventlite.connector.api.ListenerStatus;

/**
 * The broker's figures for the dashboard: {@code GET /api/stats} once, or
 * {@code /api/stats/stream} as Server-Sent Events, one {@code stats} event a
 * second. Counts only, no event content, so no credentials are asked (like
 * /health); event content goes through {@code /api/events} and its access rules.
 */
@Path("/stats")
public class StatsResource {

    static final int TOP = 20;
    private static final long PERIOD_MILLIS = 1000;

    @Inject
    EventLiteMetrics metrics;

    @Inject
    SubscriptionRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject snapshot() {
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
        for (SubscriptionRegistry.Subscriber subscriber : registry.subscribers(TOP)) {
            subscribers.add(Json.createObjectBuilder().add("id", subscriber.id())
                    .add("address", subscriber.address())
                    .add("subscriptions", Json.createArrayBuilder(subscriber.patterns())));
        }
        return stats.add("byName", byName).add("subscribers", subscribers).build();
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(scheduler.scheduleAtFixedRate(() -> {
            try {
                sink.send(sse.newEventBuilder().name("stats").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(snapshot().toString()).build()).toCompletableFuture().get(PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                stop(task, sink);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(task, sink);
            }
        }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** The client went away or fell a period behind: stop sending to it. */
    private static void stop(AtomicReference<ScheduledFuture<?>> task, SseEventSink sink) {
        ScheduledFuture<?> running = task.get();
        if (running != null) {
            running.cancel(false);
        }
        sink.close();
    }
}
