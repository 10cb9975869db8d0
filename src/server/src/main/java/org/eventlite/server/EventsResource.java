package org.eventlite.server;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eventlite.api.EventOrigin;
import org.eventlite.cdi.ApplicationExecutor;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Settings;
import org.eventlite.cdi.EventLiteMetrics;
import org.eventlite.cdi.broker.Broker.Requester;
import org.eventlite.cdi.broker.Broker;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.EventNames;
import org.eventlite.protocol.ProtocolException;

/**
 * The HTTP gateway: {@code POST /api/events/<name>} publishes a JSON object,
 * {@code GET /api/events?name=<name or pattern>&name=...} with
 * {@code Accept: text/event-stream} subscribes. The HTTP front end of the {@link Broker}: the
 * same access decisions, limits and throttling as TCP clients, its verdicts as status codes;
 * HTTP Basic carries the user name and password, none means anonymous.
 * Errors answer with the protocol's error id: {@code {"error":"<id>","message":"..."}}.
 */
@Path("/events")
public class EventsResource {

    /** The heartbeat task of each open stream; resources are per request, the streams outlive them. */
    private static final Map<Long, ScheduledFuture<?>> heartbeats = new ConcurrentHashMap<>();

    @Inject
    Broker broker;

    @Inject
    EventLiteConfig config;

    @Inject
    ApplicationExecutor executor;

    @Inject
    EventLiteMetrics metrics;

    @Context
    HttpServletRequest request;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /**
     * Only {@code application/json} bodies, and no page of another origin unless listed: a
     * form or a {@code text/plain} fetch from any web site would otherwise make a visitor's
     * browser publish (such requests need no CORS preflight). Access is decided before the body
     * is read, so a denied client's body costs nothing.
     */
    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Origin") String origin, InputStream body) throws IOException {
        if (!isJson(contentType)) {
            throw failure(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "the body must be sent as Content-Type: application/json");
        }
        if (!Origins.allowed(origin, request, config.value(Settings.HTTP_ALLOWED_ORIGINS))) {
            throw failure(Response.Status.FORBIDDEN, "origin-not-allowed", "pages of origin " + origin
                    + " may not publish here; list it in eventlite.http.allowed-origins to allow it");
        }
        Credentials credentials = credentials(authorization);
        ListenerSettings settings = config.listenerSettings();
        int maxEventBytes = settings.decoderLimits().maxEventBytes();
        try {
            EventNames.check(name, settings.decoderLimits());
            EventNames.checkPublishable(name);
        } catch (ProtocolException e) {
            throw failure(Response.Status.BAD_REQUEST, e.code());
        }
        InetSocketAddress client = HttpClients.address(request);
        if (broker.mayPublish(Requester.network(HttpClients.nextId(), client), name, credentials)
                != Broker.Verdict.ALLOWED) {
            throw denied(credentials);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(maxEventBytes + 1);
        } catch (IOException e) {
            // The body stopped coming (the endpoint's readTimeout) or the client went away.
            throw failure(Response.Status.REQUEST_TIMEOUT, ErrorCode.REQUEST_TIMEOUT);
        }
        EventJson json;
        try {
            json = EventJson.of(name, bytes, maxEventBytes);
        } catch (ProtocolException e) {
            throw failure(e.code() == ErrorCode.EVENT_TOO_LARGE
                    ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST, e.code());
        }
        broker.publish(name, json, EventOrigin.remote(client, credentials.username()));
        return Response.ok(Json.createObjectBuilder().add("event", name).add("status", "ok").build()).build();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@QueryParam("name") List<String> names,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context SseEventSink sink, @Context Sse sse) {
        Credentials credentials = credentials(authorization);
        if (names.isEmpty()) {
            throw failure(Response.Status.BAD_REQUEST, ErrorCode.EMPTY_EVENT_NAME);
        }
        ListenerSettings settings = config.listenerSettings();
        if (heartbeats.size() >= config.value(Settings.SSE_MAX_STREAMS)) {
            // Counted as streams start and end; requests arriving together may pass it by a few.
            throw failure(Response.Status.SERVICE_UNAVAILABLE, "too-many-streams",
                    "the server holds as many event streams as allowed (eventlite.sse.max-streams)");
        }
        InetSocketAddress client = HttpClients.address(request);
        // Writes to a client that stopped reading block, so they run on threads of their own: at
        // most one write and one close per stream, eventlite.sse.max-streams streams.
        SseSubscriber subscriber = new SseSubscriber(client, sink, sse, executor.blockingWork(),
                // An SSE write blocks a thread, so a stream gets no grace above the soft limit.
                settings.clientLimits().softPendingBytes(), settings.writeTimeout(), this::ended);
        Requester requester = Requester.network(subscriber.id(), client);
        JsonArrayBuilder subscribed = Json.createArrayBuilder();
        for (String name : names) {
            try {
                EventNames.check(name, settings.decoderLimits());
                EventNames.checkPattern(name);
            } catch (ProtocolException e) {
                broker.closed(subscriber, client, CloseReason.errorReply(e.code()));
                throw failure(Response.Status.BAD_REQUEST, e.code());
            }
            Broker.Decision decision = broker.maySubscribe(requester, name, credentials, subscriber);
            if (!decision.allowed()) {
                WebApplicationException refusal = refused(decision.verdict(), credentials);
                broker.closed(subscriber, client, closeReason(decision.verdict()));
                throw refusal;
            }
            broker.subscribe(name, subscriber, decision, requester, credentials);
            subscribed.add(name);
        }
        // Counted before the client hears "subscribed", so that its next request sees this stream;
        // and counted out here if it already ended, as ended() ran before there was anything to remove.
        long every = config.value(Settings.SSE_HEARTBEAT).toMillis();
        heartbeats.put(subscriber.id(), scheduler.scheduleAtFixedRate(subscriber::heartbeat, every, every,
                TimeUnit.MILLISECONDS));
        if (!subscriber.isOpen()) {
            stopHeartbeat(subscriber);
        }
        subscriber.sendControl("subscribed", Json.createObjectBuilder().add("names", subscribed).build().toString());
    }

    private static void stopHeartbeat(SseSubscriber subscriber) {
        ScheduledFuture<?> heartbeat = heartbeats.remove(subscriber.id());
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    private void ended(SseSubscriber subscriber, CloseReason reason) {
        stopHeartbeat(subscriber);
        if (reason.kind() == CloseReason.Kind.SLOW_CONSUMER) {
            metrics.sseSlowConsumers().add(1);
        }
        broker.closed(subscriber, subscriber.address(), reason);
    }

    /** Why a stream whose subscription was refused ended, as a TCP connection's would. */
    private static CloseReason closeReason(Broker.Verdict verdict) {
        return switch (verdict) {
            case SUBSCRIBER_LIMIT -> CloseReason.errorReply(ErrorCode.TOO_MANY_SUBSCRIPTIONS);
            case SERVER_LIMIT -> CloseReason.errorReply(ErrorCode.SERVER_SUBSCRIPTION_LIMIT);
            default -> CloseReason.DENIED;
        };
    }

    /** A refused subscription: a limit is a client error with the protocol's error id; a denial asks to sign in. */
    private static WebApplicationException refused(Broker.Verdict verdict, Credentials credentials) {
        return switch (verdict) {
            case SUBSCRIBER_LIMIT -> failure(Response.Status.BAD_REQUEST, ErrorCode.TOO_MANY_SUBSCRIPTIONS);
            case SERVER_LIMIT -> failure(Response.Status.SERVICE_UNAVAILABLE, ErrorCode.SERVER_SUBSCRIPTION_LIMIT);
            default -> denied(credentials);
        };
    }

    private static Credentials credentials(String authorization) {
        Optional<Credentials> credentials = BasicCredentials.from(authorization);
        if (credentials.isEmpty()) {
            throw new WebApplicationException(challenge(ErrorCode.MALFORMED_CREDENTIALS));
        }
        return credentials.get();
    }

    /** An anonymous client is asked for credentials (a browser then prompts); a named one is refused. */
    private static WebApplicationException denied(Credentials credentials) {
        return credentials.anonymous()
                ? new WebApplicationException(challenge(null))
                : new WebApplicationException(Response.status(Response.Status.FORBIDDEN)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(error("permission-denied", "permission denied")).build());
    }

    private static Response challenge(ErrorCode code) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"EventLite\", charset=\"UTF-8\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(code == null ? error("permission-denied", "permission denied; sign in")
                        : error(code.id(), code.message()))
                .build();
    }

    private static WebApplicationException failure(Response.Status status, ErrorCode code) {
        return failure(status, code.id(), code.message());
    }

    private static WebApplicationException failure(Response.Status status, String id, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error(id, message)).build());
    }

    private static String error(String id, String message) {
        return Json.createObjectBuilder().add("error", id).add("message", message).build().toString();
    }
}
