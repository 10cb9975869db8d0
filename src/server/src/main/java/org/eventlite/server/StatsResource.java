package org.eventlite.server;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eventlite.cdi.broker.Broker;
import org.eventlite.protocol.Credentials;

/**
 * The broker's figures for the dashboard: {@code GET /api/stats} once, or
 * {@code /api/stats/stream} as Server-Sent Events, one {@code stats} event a
 * second. They name subscribers' addresses and subscription names, so only
 * clients with the monitor permission see them (anonymous clients from the
 * trusted networks by default); others get 401 or 403. One snapshot a second
 * serves every viewer: the registry is scanned once however many watch.
 */
@Path("/stats")
public class StatsResource {

    @Inject
    StatsSnapshots snapshots;

    @Inject
    Broker broker;

    @Context
    HttpServletRequest request;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject snapshot(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admit(authorization);
        return snapshots.current();
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context SseEventSink sink, @Context Sse sse) {
        admit(authorization);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(scheduler.scheduleAtFixedRate(() -> {
            try {
                sink.send(sse.newEventBuilder().name("stats").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(snapshots.current().toString()).build())
                        .toCompletableFuture().get(StatsSnapshots.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                stop(task, sink);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(task, sink);
            }
        }, 0, StatsSnapshots.PERIOD_MILLIS, TimeUnit.MILLISECONDS));
    }

    private void admit(String authorization) {
        Optional<Credentials> credentials = BasicCredentials.from(authorization);
        if (credentials.isEmpty() || !broker.mayMonitor(HttpClients.address(request), credentials.get())) {
            throw credentials.isPresent() && !credentials.get().anonymous()
                    ? new WebApplicationException(Response.Status.FORBIDDEN)
                    : new WebApplicationException(Response.status(Response.Status.UNAUTHORIZED)
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"EventLite\", charset=\"UTF-8\"").build());
        }
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
