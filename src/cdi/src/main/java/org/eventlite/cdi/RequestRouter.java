package org.eventlite.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.api.EventOrigin;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.ConnectionHandler;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.InServerBroker;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.connector.api.ListenerStatus;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.PublishRequest;
import org.eventlite.protocol.Request;
import org.eventlite.protocol.SubscribeRequest;
import org.eventlite.protocol.UnsubscribeRequest;

/**
 * The connector's handler: decides each request and routes accepted events.
 * Handed to the connector by the bridge MDB, then called directly on the
 * network I/O threads (see {@link ConnectionHandler} for what that allows).
 */
@ApplicationScoped
public class RequestRouter implements ConnectionHandler {

    private static final Logger LOG = Logger.getLogger(RequestRouter.class.getName());

    @Inject
    EventLiteConfig config;

    @Inject
    EventAccessPolicy policy;

    @Inject
    SubscriptionRegistry registry;

    @Inject
    Broadcaster broadcaster;

    @Inject
    ObserverNotifier notifier;

    @Inject
    ApplicationExecutor executor;

    @Inject
    ListenerState state;

    @Inject
    FailedAttempts failedAttempts;

    @Inject
    EventLiteMetrics metrics;

    @Inject
    ClusterBridge cluster;

    @Inject
    InServerClients applications;

    /**
     * Called by the bridge MDB on an application thread: creates every bean
     * the I/O threads will touch while the application's context is present.
     *
     * @param webModule the bean manager of the MDB's web module, through which CDI events are fired
     * @return this router itself, which the connector calls on its I/O threads
     */
    public Unproxied<ConnectionHandler> open(InetSocketAddress address, ListenerStatus status, BeanManager webModule) {
        executor.prepare();
        notifier.fireThrough(webModule);
        config.listenerSettings();
        policy.toString(); // a client proxy creates its bean on first call; make that happen here
        failedAttempts.throttled(address.getAddress());
        state.starting(address, status);
        metrics.start(status);
        cluster.start();
        return new Unproxied<>(this);
    }

    /**
     * The beans every request touches, as themselves rather than client proxies (see
     * {@link Unproxied}); the access policy stays behind its proxy, since an
     * application may replace it with a bean of any scope.
     */
    @PostConstruct
    void resolveRequestPath() {
        registry = registry.unproxied().bean();
        broadcaster = broadcaster.unproxied().bean();
        failedAttempts = failedAttempts.unproxied().bean();
        notifier = notifier.unproxied().bean();
        metrics = metrics.unproxied().bean();
        applications = applications.unproxied().bean();
    }

    @Override
    public InServerBroker inServerBroker() {
        return applications;
    }

    @Override
    public ListenerSettings settings() {
        return config.listenerSettings();
    }

    @Override
    public void onRequest(Connection connection, Request request) {
        if (request instanceof SubscribeRequest subscribe) {
            subscribe(connection, subscribe);
        } else if (request instanceof PublishRequest publish) {
            publish(connection, publish);
        } else if (request instanceof UnsubscribeRequest unsubscribe) {
            // Only this connection's own subscription is affected, so no decision is needed;
            // unsubscribing from an event not subscribed to is answered ok as well, like NATS.
            registry.unsubscribe(unsubscribe.event(), connection);
            connection.send(Frame.OK);
        }
    }

    private void subscribe(Connection connection, SubscribeRequest request) {
        Credentials credentials = request.credentials();
        if (registry.subscriptionsOf(connection) >= config.maxSubscriptionsPerConnection()
                && !registry.isSubscribed(connection, request.event())) {
            connection.close(ErrorCode.TOO_MANY_SUBSCRIPTIONS);
            return;
        }
        if (registry.subscriptionCount() >= config.maxSubscriptions()
                && !registry.isSubscribed(connection, request.event())) {
            LOG.log(Level.WARNING, "EventLite holds {0} subscriptions ({1}); refused one from {2}",
                    new Object[] {registry.subscriptionCount(), EventLiteConfig.MAX_SUBSCRIPTIONS,
                        connection.remoteAddress()});
            connection.close(ErrorCode.SERVER_SUBSCRIPTION_LIMIT);
            return;
        }
        EventFilter filter = decide(connection.remoteAddress(), connection.id(), Question.SUBSCRIBE, request.event(),
                credentials) ? receivable(connection, request) : null;
        if (filter == null) {
            deny(connection, RequestDenied.Action.SUBSCRIBE, request.event(), credentials);
            return;
        }
        // The reply is queued before the subscription is visible, so it precedes every frame.
        connection.send(Frame.OK);
        registry.subscribe(request.event(), connection, filter);
        notifier.clientSubscribed(new ClientSubscribed(connection.id(), request.event(),
                connection.remoteAddress(), credentials.username()));
    }

    /**
     * Decides a publish as soon as its request line is complete, before its body costs
     * anything; a denied body is then dropped unread by the front end.
     */
    @Override
    public boolean admitPublish(Connection connection, String event, Credentials credentials) {
        if (!decide(connection.remoteAddress(), connection.id(), Question.PUBLISH, event, credentials)) {
            deny(connection, RequestDenied.Action.PUBLISH, event, credentials);
            return false;
        }
        return true;
    }

    /** A publish whose body is complete; {@link #admitPublish} allowed it. */
    private void publish(Connection connection, PublishRequest request) {
        broadcaster.broadcast(request.event(), request.json(),
                EventOrigin.remote(connection.remoteAddress(), request.credentials().username()));
        connection.send(Frame.OK);
    }

    /** A throttled address is denied undecided; a decision that throws counts as a denial. */
    /** What a decision asks the policy. */
    private enum Question { PUBLISH, SUBSCRIBE, MONITOR }

    private boolean decide(InetSocketAddress remote, long connectionId, Question question, String event,
            Credentials credentials) {
        InetAddress address = remote.getAddress();
        if (failedAttempts.throttled(address)) {
            return false;
        }
        boolean allowed;
        Client client = new Client(connectionId, remote);
        try {
            allowed = switch (question) {
                case PUBLISH -> policy.mayPublish(client, event, credentials);
                case SUBSCRIBE -> policy.maySubscribe(client, event, credentials);
                case MONITOR -> policy.mayMonitor(client, credentials);
            };
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite access decision failed for " + credentials
                    + " on '" + event + "'; denied");
            allowed = false;
        }
        if (!allowed) {
            failedAttempts.failed(address);
        }
        return allowed;
    }

    /** @return null, a denial, if the policy fails to say */
    private EventFilter receivable(Connection connection, SubscribeRequest request) {
        try {
            return policy.receivable(new Client(connection.id(), connection.remoteAddress()), request.event(),
                    request.credentials());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite receive filter for " + request.credentials()
                    + " on '" + request.event() + "' failed; denied");
            return null;
        }
    }

    /** As in the original, a denied connection stays open. */
    private void deny(Connection connection, RequestDenied.Action action, String event, Credentials credentials) {
        connection.send(Frame.PERMISSION_DENIED);
        metrics.denied(action).add(1);
        notifier.requestDenied(new RequestDenied(action, event, connection.remoteAddress(), credentials.username()));
    }

    /**
     * Whether a client may see the broker's statistics with addresses and subscription names;
     * throttled and counted like any other decision.
     */
    public boolean mayMonitor(InetSocketAddress address, Credentials credentials) {
        return decide(address, 0, Question.MONITOR, "the statistics", credentials);
    }

    @Override
    public void onEventsWritten(long oldestEventAgeNanos) {
        metrics.eventsWritten(oldestEventAgeNanos);
    }

    @Override
    public void onClosed(Connection connection, String reason) {
        registry.remove(connection);
        notifier.clientDisconnected(new ClientDisconnected(connection.id(), connection.remoteAddress(), reason));
    }

    @Override
    public void onListening(InetSocketAddress address) {
        state.listening(address);
    }

    @Override
    public void onListenFailed(String reason) {
        state.failed(reason);
    }

    @Override
    public void onStopped() {
        state.stopped();
    }
}
