package org.eventlite.cdi.broker;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import org.eventlite.api.EventOrigin;
import org.eventlite.cdi.ApplicationExecutor;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.EventLiteMetrics;
import org.eventlite.cdi.ListenerLifecycle;
import org.eventlite.cdi.Unproxied;
import org.eventlite.cdi.access.EventAccessPolicy;
import org.eventlite.cdi.access.FailedAttempts;
import org.eventlite.cdi.broker.Broker.Requester;
import org.eventlite.cdi.cluster.ClusterBridge;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.ConnectionHandler;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.InServerBroker;
import org.eventlite.connector.api.ListenerCounters;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.connector.api.ListenerStatus;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.PublishRequest;
import org.eventlite.protocol.Request;
import org.eventlite.protocol.SubscribeRequest;
import org.eventlite.protocol.UnsubscribeRequest;

/**
 * The TCP front end of the {@link Broker}: turns each decoded request into the broker's
 * questions and its verdicts into the protocol's replies ({@code ok}, {@code permission denied},
 * an error and close). Handed to the connector by the bridge MDB, then called directly on the
 * network I/O threads (see {@link ConnectionHandler} for what that allows).
 */
@ApplicationScoped
public class RequestRouter implements ConnectionHandler {

    private EventLiteConfig config;
    private EventAccessPolicy policy;
    private Broker broker;
    private ObserverNotifier notifier;
    private ApplicationExecutor executor;
    private ListenerLifecycle state;
    private FailedAttempts failedAttempts;
    private EventLiteMetrics metrics;
    private ClusterBridge cluster;
    private InServerClients applications;

    /** For the container's client proxy only. */
    protected RequestRouter() {
    }

    @Inject
    public RequestRouter(EventLiteConfig config, EventAccessPolicy policy, Broker broker, ObserverNotifier notifier,
            ApplicationExecutor executor, ListenerLifecycle state, FailedAttempts failedAttempts,
            EventLiteMetrics metrics, ClusterBridge cluster, InServerClients applications) {
        this.config = config;
        this.policy = policy;
        this.broker = broker;
        this.notifier = notifier;
        this.executor = executor;
        this.state = state;
        this.failedAttempts = failedAttempts;
        this.metrics = metrics;
        this.cluster = cluster;
        this.applications = applications;
    }

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

    /** The beans every request touches, as themselves rather than client proxies (see {@link Unproxied}). */
    @PostConstruct
    void resolveRequestPath() {
        broker = broker.unproxied().bean();
        metrics = metrics.unproxied().bean();
        applications = applications.unproxied().bean();
    }

    @Override
    public InServerBroker inServerBroker() {
        return applications;
    }

    @Override
    public ListenerCounters counters() {
        return metrics.listenerCounters();
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
            // Unsubscribing from an event not subscribed to is answered ok as well, like NATS.
            broker.unsubscribe(unsubscribe.event(), connection);
            connection.send(Frame.OK);
        }
    }

    private void subscribe(Connection connection, SubscribeRequest request) {
        Requester requester = Requester.network(connection.id(), connection.remoteAddress());
        Broker.Decision decision = broker.maySubscribe(requester, request.event(), request.credentials(), connection);
        switch (decision.verdict()) {
            case ALLOWED -> {
                // The reply is queued before the subscription is visible, so it precedes every frame.
                connection.send(Frame.OK);
                broker.subscribe(request.event(), connection, decision, requester, request.credentials());
            }
            case SUBSCRIBER_LIMIT -> connection.close(ErrorCode.TOO_MANY_SUBSCRIPTIONS);
            case SERVER_LIMIT -> connection.close(ErrorCode.SERVER_SUBSCRIPTION_LIMIT);
            // As in the original, a denied connection stays open.
            case DENIED, THROTTLED -> connection.send(Frame.PERMISSION_DENIED);
        }
    }

    /**
     * Decides a publish as soon as its request line is complete, before its body costs
     * anything; a denied body is then dropped unread by the front end.
     */
    @Override
    public boolean admitPublish(Connection connection, String event, Credentials credentials) {
        Requester requester = Requester.network(connection.id(), connection.remoteAddress());
        if (broker.mayPublish(requester, event, credentials) != Broker.Verdict.ALLOWED) {
            connection.send(Frame.PERMISSION_DENIED);
            return false;
        }
        return true;
    }

    /** A publish whose body is complete; {@link #admitPublish} allowed it. */
    private void publish(Connection connection, PublishRequest request) {
        broker.publish(request.event(), request.json(),
                EventOrigin.remote(connection.remoteAddress(), request.credentials().username()), connection.pacing());
        connection.send(Frame.OK);
    }

    @Override
    public void onEventsWritten(long oldestEventAgeNanos) {
        metrics.eventsWritten(oldestEventAgeNanos);
    }

    @Override
    public void onClosed(Connection connection, CloseReason reason) {
        broker.closed(connection, connection.remoteAddress(), reason);
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
