package org.eventlite.cdi.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eventlite.api.EventOrigin;
import org.eventlite.api.EventRejectedException.Reason;
import org.eventlite.api.EventRejectedException;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Unproxied;
import org.eventlite.cdi.access.Client;
import org.eventlite.cdi.broker.Broker.Decision;
import org.eventlite.cdi.broker.Broker.Requester;
import org.eventlite.connector.api.InServerBroker;
import org.eventlite.connector.api.Subscriber;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.EventNames;
import org.eventlite.protocol.ProtocolException;

/**
 * The front end of the {@link Broker} for applications on the server (the adapter's connection
 * factory and their message-driven beans): the broker's verdicts become
 * {@link EventRejectedException}s. Applications run in this server, so for anonymous access they
 * count as a client on the loopback address; they are not throttled.
 */
@ApplicationScoped
public class InServerClients implements InServerBroker {

    /** Where an application's requests come from, for access decisions. */
    static final InetSocketAddress IN_SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private EventLiteConfig config;
    private Broker broker;

    /** For the container's client proxy only. */
    protected InServerClients() {
    }

    @Inject
    public InServerClients(EventLiteConfig config, Broker broker) {
        this.config = config;
        this.broker = broker.unproxied().bean();
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
        if (broker.mayPublish(requester(0), name, credentials) != Broker.Verdict.ALLOWED) {
            throw denied("publishing '" + name + "'", credentials);
        }
        return broker.publish(name, event, EventOrigin.application(credentials.username()));
    }

    /** Every pattern is decided before any takes effect, so a refusal leaves nothing subscribed. */
    @Override
    public void subscribe(Credentials credentials, List<String> patterns, Subscriber subscriber) {
        DecoderLimits limits = config.listenerSettings().decoderLimits();
        Requester requester = requester(subscriber.id());
        List<Decision> decisions = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            try {
                EventNames.check(pattern, limits);
                EventNames.checkPattern(pattern);
            } catch (ProtocolException e) {
                throw new EventRejectedException(Reason.INVALID, "cannot subscribe to '" + pattern + "': "
                        + e.getMessage());
            }
            Decision decision = broker.maySubscribe(requester, pattern, credentials, subscriber);
            switch (decision.verdict()) {
                case ALLOWED -> decisions.add(decision);
                case SERVER_LIMIT, SUBSCRIBER_LIMIT -> throw new EventRejectedException(Reason.LIMIT, "cannot subscribe to '"
                        + pattern + "': the server holds as many subscriptions as eventlite.max-subscriptions allows");
                case DENIED, THROTTLED -> throw denied("subscribing to '" + pattern + "'", credentials);
            }
        }
        for (int i = 0; i < patterns.size(); i++) {
            broker.subscribe(patterns.get(i), subscriber, decisions.get(i), requester, credentials);
        }
    }

    @Override
    public void unsubscribe(Subscriber subscriber) {
        broker.removed(subscriber);
    }

    private static Requester requester(long id) {
        return new Requester(new Client(id, IN_SERVER), false);
    }

    private static EventRejectedException denied(String what, Credentials credentials) {
        return new EventRejectedException(Reason.DENIED, what + " is denied to "
                + (credentials.anonymous() ? "anonymous applications" : "user '" + credentials.username() + "'"));
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}. */
    public Unproxied<InServerClients> unproxied() {
        return new Unproxied<>(this);
    }
}
