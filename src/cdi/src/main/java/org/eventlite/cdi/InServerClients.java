package org.eventlite.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.api.EventOrigin;
import org.eventlite.api.EventRejectedException.Reason;
import org.eventlite.api.EventRejectedException;
import org.eventlite.connector.api.InServerBroker;
import org.eventlite.connector.api.Subscriber;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.EventNames;
import org.eventlite.protocol.ProtocolException;

/**
 * Publishes and subscribes for applications on the server (the adapter's connection factory and
 * their message-driven beans), with the access policy's decisions for the identity they use.
 * They run in this server, so for anonymous access they count as a client on the loopback
 * address. Failed decisions are not throttled: that guards against guessing over the network.
 */
@ApplicationScoped
public class InServerClients implements InServerBroker {

    private static final Logger LOG = Logger.getLogger(InServerClients.class.getName());

    /** Where an application's requests come from, for access decisions. */
    static final InetSocketAddress IN_SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

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
    EventLiteMetrics metrics;

    @PostConstruct
    void resolve() {
        registry = registry.unproxied().bean();
        broadcaster = broadcaster.unproxied().bean();
        notifier = notifier.unproxied().bean();
        metrics = metrics.unproxied().bean();
    }

    @Override
    public int publish(Credentials credentials, String name, String json) {
        DecoderLimits limits = config.listenerSettings().decoderLimits();
        EventJson event;
        try {
            EventNames.check(name, limits);
            EventNames.checkPublishable(name);
            event = EventJson.of(name, json.getBytes(StandardCharsets.UTF_8), limits.maxEventBytes());
        } catch (ProtocolException e) {
            throw new EventRejectedException(Reason.INVALID, "cannot publish event '" + name + "': " + e.getMessage());
        }
        Client client = new Client(0, IN_SERVER);
        if (!decided(() -> policy.mayPublish(client, name, credentials), credentials, name)) {
            denied(RequestDenied.Action.PUBLISH, name, credentials);
        }
        return broadcaster.broadcast(name, event, EventOrigin.application(credentials.username()));
    }

    @Override
    public void subscribe(Credentials credentials, List<String> patterns, Subscriber subscriber) {
        DecoderLimits limits = config.listenerSettings().decoderLimits();
        Client client = new Client(subscriber.id(), IN_SERVER);
        List<EventFilter> filters = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            try {
                EventNames.check(pattern, limits);
                EventNames.checkPattern(pattern);
            } catch (ProtocolException e) {
                throw new EventRejectedException(Reason.INVALID, "cannot subscribe to '" + pattern + "': " + e.getMessage());
            }
            EventFilter filter = decided(() -> policy.maySubscribe(client, pattern, credentials), credentials, pattern)
                    ? receivable(client, pattern, credentials) : null;
            if (filter == null) {
                denied(RequestDenied.Action.SUBSCRIBE, pattern, credentials);
            }
            filters.add(filter);
        }
        if (registry.subscriptionCount() + patterns.size() > config.maxSubscriptions()) {
            throw new EventRejectedException(Reason.LIMIT, "EventLite holds " + registry.subscriptionCount()
                    + " subscriptions, its limit (" + EventLiteConfig.MAX_SUBSCRIPTIONS + ") is "
                    + config.maxSubscriptions());
        }
        for (int i = 0; i < patterns.size(); i++) {
            registry.subscribe(patterns.get(i), subscriber, filters.get(i));
        }
    }

    @Override
    public void unsubscribe(Subscriber subscriber) {
        registry.remove(subscriber);
    }

    /** A decision that throws denies. */
    private static boolean decided(BooleanSupplier decision, Credentials credentials, String name) {
        try {
            return decision.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite access decision failed for an application as " + credentials
                    + " on '" + name + "'; denied");
            return false;
        }
    }

    private EventFilter receivable(Client client, String pattern, Credentials credentials) {
        try {
            return policy.receivable(client, pattern, credentials);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "EventLite receive filter for an application as " + credentials
                    + " on '" + pattern + "' failed; denied");
            return null;
        }
    }

    private void denied(RequestDenied.Action action, String name, Credentials credentials) {
        metrics.denied(action).add(1);
        notifier.requestDenied(new RequestDenied(action, name, IN_SERVER, credentials.username()));
        throw new EventRejectedException(Reason.DENIED, (action == RequestDenied.Action.PUBLISH ? "publishing '"
                : "subscribing to '") + name + "' is denied to " + (credentials.anonymous() ? "anonymous applications"
                : "user '" + credentials.username() + "'"));
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}. */
    public Unproxied<InServerClients> unproxied() {
        return new Unproxied<>(this);
    }
}
