package org.eventlite.cdi.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.api.EventOrigin;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Settings;
import org.eventlite.cdi.EventLiteMetrics;
import org.eventlite.cdi.Unproxied;
import org.eventlite.cdi.access.Client;
import org.eventlite.cdi.access.EventAccessPolicy;
import org.eventlite.cdi.access.EventFilter;
import org.eventlite.cdi.access.FailedAttempts;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.PublisherPacing;
import org.eventlite.connector.api.Subscriber;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.EventJson;

/**
 * The one core every front end goes through: TCP connections, the HTTP and SSE gateway, and
 * applications on the server. It decides access (throttling, the policy, failures counted and
 * reported), holds subscriptions and broadcasts accepted events; each front end turns its
 * verdicts into its own replies (TCP {@code ok} / {@code permission denied}, HTTP status codes,
 * exceptions for applications). Called on network and application threads: it never blocks.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class.getName());

    /** What a decision came to. */
    public enum Verdict {
        ALLOWED,
        /** The access policy said no, or failed. */
        DENIED,
        /** The client's address failed too often lately; the policy was not asked. */
        THROTTLED,
        /** A network client holds as many subscriptions as one may ({@code eventlite.max-subscriptions-per-connection}). */
        SUBSCRIBER_LIMIT,
        /** The server holds as many subscriptions as it may ({@code eventlite.max-subscriptions}). */
        SERVER_LIMIT
    }

    /** A subscribe decision: its verdict and, when allowed, which of the matching events the subscriber may receive. */
    public record Decision(Verdict verdict, EventFilter filter) {

        static Decision refused(Verdict verdict) {
            return new Decision(verdict, null);
        }

        public boolean allowed() {
            return verdict == Verdict.ALLOWED;
        }
    }

    /**
     * Who asks: the client a policy decides about, and whether it comes over the network. Only
     * network clients are throttled, since throttling guards against guessing passwords remotely.
     */
    public record Requester(Client client, boolean network) {

        public static Requester network(long id, InetSocketAddress address) {
            return new Requester(new Client(id, address), true);
        }
    }

    private EventLiteConfig config;
    private EventAccessPolicy policy;
    private SubscriptionRegistry registry;
    private Broadcaster broadcaster;
    private ObserverNotifier notifier;
    private FailedAttempts failedAttempts;
    private EventLiteMetrics metrics;

    /** For the container's client proxy only. */
    protected Broker() {
    }

    /**
     * The beans on the request path as themselves rather than client proxies (see
     * {@link Unproxied}); the access policy stays behind its proxy, since an application may
     * replace it with a bean of any scope.
     */
    @Inject
    public Broker(EventLiteConfig config, EventAccessPolicy policy, SubscriptionRegistry registry,
            Broadcaster broadcaster, ObserverNotifier notifier, FailedAttempts failedAttempts,
            EventLiteMetrics metrics) {
        this.config = config;
        this.policy = policy;
        this.registry = registry.unproxied().bean();
        this.broadcaster = broadcaster.unproxied().bean();
        this.notifier = notifier.unproxied().bean();
        this.failedAttempts = failedAttempts.unproxied().bean();
        this.metrics = metrics.unproxied().bean();
    }

    /** Whether {@code requester} may publish {@code event}; a refusal is counted and reported. */
    public Verdict mayPublish(Requester requester, String event, Credentials credentials) {
        Verdict verdict = decide(requester, event, credentials,
                () -> policy.mayPublish(requester.client(), event, credentials));
        if (verdict != Verdict.ALLOWED) {
            refused(RequestDenied.Action.PUBLISH, requester, event, credentials);
        }
        return verdict;
    }

    /** An allowed event, to every subscriber here and to the cluster. @return subscribers that queued it */
    public int publish(String event, EventJson json, EventOrigin origin) {
        return publish(event, json, origin, PublisherPacing.NONE);
    }

    /** As {@link #publish(String, EventJson, EventOrigin)}, from a publisher that can be held back. */
    public int publish(String event, EventJson json, EventOrigin origin, PublisherPacing publisher) {
        return broadcaster.broadcast(event, json, origin, publisher);
    }

    /**
     * Whether {@code subscriber} may subscribe to {@code pattern}, and to what of it. An allowed
     * subscription takes effect with {@link #subscribe}, after the front end has replied, so that
     * its reply precedes every event; a refusal is counted and reported.
     */
    public Decision maySubscribe(Requester requester, String pattern, Credentials credentials, Subscriber subscriber) {
        boolean already = registry.isSubscribed(subscriber, pattern);
        if (requester.network() && !already
                && registry.subscriptionsOf(subscriber) >= config.value(Settings.MAX_SUBSCRIPTIONS_PER_CONNECTION)) {
            return Decision.refused(Verdict.SUBSCRIBER_LIMIT);
        }
        if (!already && registry.subscriptionCount() >= config.value(Settings.MAX_SUBSCRIPTIONS)) {
            LOG.log(Level.WARNING, "EventLite holds {0} subscriptions ({1}); refused one of {2}",
                    new Object[] {registry.subscriptionCount(), Settings.MAX_SUBSCRIPTIONS.key(),
                        subscriber.location()});
            return Decision.refused(Verdict.SERVER_LIMIT);
        }
        Verdict verdict = decide(requester, pattern, credentials,
                () -> policy.maySubscribe(requester.client(), pattern, credentials));
        EventFilter filter = verdict == Verdict.ALLOWED ? receivable(requester.client(), pattern, credentials) : null;
        if (filter == null) {
            refused(RequestDenied.Action.SUBSCRIBE, requester, pattern, credentials);
            return Decision.refused(verdict == Verdict.ALLOWED ? Verdict.DENIED : verdict);
        }
        return new Decision(Verdict.ALLOWED, filter);
    }

    /** Makes an allowed subscription visible to publishers. */
    public void subscribe(String pattern, Subscriber subscriber, Decision decision, Requester requester,
            Credentials credentials) {
        if (!decision.allowed()) {
            throw new IllegalArgumentException("subscription to '" + pattern + "' was not allowed: " + decision);
        }
        registry.subscribe(pattern, subscriber, decision.filter());
        notifier.clientSubscribed(new ClientSubscribed(subscriber.id(), pattern,
                requester.client().remoteAddress(), credentials.username()));
    }

    /** Only the subscriber's own subscription is affected, so no decision is needed. */
    public void unsubscribe(String pattern, Subscriber subscriber) {
        registry.unsubscribe(pattern, subscriber);
    }

    /** The subscriber is gone: its subscriptions go, and observers hear why. */
    public void closed(Subscriber subscriber, InetSocketAddress address, CloseReason reason) {
        registry.remove(subscriber);
        notifier.clientDisconnected(new ClientDisconnected(subscriber.id(), address, reason));
    }

    /** An application's subscriber is gone; nobody observes applications coming and going. */
    public void removed(Subscriber subscriber) {
        registry.remove(subscriber);
    }

    /** Whether a client may see who is connected and subscribed to what; throttled and counted like any decision. */
    public boolean mayMonitor(InetSocketAddress address, Credentials credentials) {
        Requester requester = Requester.network(0, address);
        return decide(requester, "the statistics", credentials,
                () -> policy.mayMonitor(requester.client(), credentials)) == Verdict.ALLOWED;
    }

    /** A throttled address is refused unasked; a policy that throws denies; a network denial counts against the address. */
    private Verdict decide(Requester requester, String about, Credentials credentials, Question question) {
        InetSocketAddress remote = requester.client().remoteAddress();
        if (requester.network() && failedAttempts.throttled(remote.getAddress())) {
            return Verdict.THROTTLED;
        }
        boolean allowed;
        try {
            allowed = question.allowed();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite access decision failed for " + credentials
                    + " on '" + about + "'; denied");
            allowed = false;
        }
        if (!allowed && requester.network()) {
            failedAttempts.failed(remote.getAddress());
        }
        return allowed ? Verdict.ALLOWED : Verdict.DENIED;
    }

    /** The question a decision asks the policy. */
    @FunctionalInterface
    private interface Question {
        boolean allowed();
    }

    /** @return null, a denial, if the policy fails to say */
    private EventFilter receivable(Client client, String pattern, Credentials credentials) {
        try {
            return policy.receivable(client, pattern, credentials);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite receive filter for " + credentials
                    + " on '" + pattern + "' failed; denied");
            return null;
        }
    }

    private void refused(RequestDenied.Action action, Requester requester, String name, Credentials credentials) {
        metrics.denied(action).add(1);
        notifier.requestDenied(new RequestDenied(action, name, requester.client().remoteAddress(),
                credentials.username()));
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}; for the front ends' request paths. */
    public Unproxied<Broker> unproxied() {
        return new Unproxied<>(this);
    }
}
