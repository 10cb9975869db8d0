package org.eventlite.cdi.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventlite.api.ObservedEvents;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.EventLiteMetrics;
import org.eventlite.cdi.MapConfig;
import org.eventlite.cdi.access.Client;
import org.eventlite.cdi.access.EventAccessPolicy;
import org.eventlite.cdi.access.FailedAttempts;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.SubscribeRequest;
import org.junit.jupiter.api.Test;

/** Access decisions as the router applies them, whatever the policy does. */
public class RequestRouterTest {

    private static final Credentials ALICE = new Credentials("alice", "pw");

    static RequestRouter router(EventAccessPolicy policy, Map<String, String> settings, SubscriptionRegistry registry) {
        EventLiteConfig config = EventLiteConfig.of(new MapConfig(settings));
        return router(policy, config, registry);
    }

    /**
     * A router over a real broker, registry, throttle and metrics; only CDI itself is absent, and
     * what the request path does not touch: bean managers and executors (no observers here), the
     * listener's state, the cluster link and applications' clients.
     */
    public static RequestRouter router(EventAccessPolicy policy, EventLiteConfig config, SubscriptionRegistry registry) {
        FailedAttempts failedAttempts = new FailedAttempts(config);
        EventLiteMetrics metrics = new EventLiteMetrics();
        ObserverNotifier notifier = new ObserverNotifier(null, null, new LocalListeners(), new ObservedEvents());
        Broker broker = new Broker(config, policy, registry, new Broadcaster(), notifier, failedAttempts, metrics);
        return new RequestRouter(config, policy, broker, notifier, null, null, failedAttempts, metrics, null, null);
    }

    private static final class ThrowingPolicy implements EventAccessPolicy {
        @Override
        public boolean mayPublish(Client client, String event, Credentials credentials) {
            throw new IllegalStateException("directory unreachable");
        }

        @Override
        public boolean maySubscribe(Client client, String event, Credentials credentials) {
            throw new IllegalStateException("directory unreachable");
        }
    }

    private static final class CountingPolicy implements EventAccessPolicy {
        int decisions;
        boolean answer;

        @Override
        public boolean mayPublish(Client client, String event, Credentials credentials) {
            decisions++;
            return answer;
        }

        @Override
        public boolean maySubscribe(Client client, String event, Credentials credentials) {
            decisions++;
            return answer;
        }
    }

    @Test
    void decisionThatThrowsCountsAsDenial() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        RequestRouter router = router(new ThrowingPolicy(), Map.of(), registry);
        RecordingConnection connection = new RecordingConnection(1, "127.0.0.1");

        router.onRequest(connection, new SubscribeRequest("a", ALICE));

        assertEquals(List.of(Frame.PERMISSION_DENIED), connection.sent);
        assertEquals(0, registry.subscriptionCount());
    }

    @Test
    void addressIsRefusedUndecidedAfterMaxFailuresOthersAreNot() {
        Map<String, String> settings = new HashMap<>();
        settings.put("eventlite.auth.max-failures", "3");
        CountingPolicy policy = new CountingPolicy();
        RequestRouter router = router(policy, settings, new SubscriptionRegistry());
        RecordingConnection guesser = new RecordingConnection(1, "10.0.0.1");
        for (int i = 0; i < 3; i++) {
            router.onRequest(guesser, new SubscribeRequest("a", ALICE));
        }
        assertEquals(3, policy.decisions);

        policy.answer = true;
        router.onRequest(guesser, new SubscribeRequest("a", ALICE));
        assertEquals(3, policy.decisions, "a throttled address is not decided at all");
        assertSame(Frame.PERMISSION_DENIED, guesser.sent.get(3));

        RecordingConnection other = new RecordingConnection(2, "10.0.0.2");
        router.onRequest(other, new SubscribeRequest("a", ALICE));
        assertEquals(List.of(Frame.OK), other.sent);
    }
}
