package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventlite.api.ObservedEvents;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.SubscribeRequest;
import org.junit.jupiter.api.Test;

/** Access decisions as the router applies them, whatever the policy does. */
class RequestRouterTest {

    private static final Credentials ALICE = new Credentials("alice", "pw");

    static RequestRouter router(EventAccessPolicy policy, Map<String, String> settings) {
        EventLiteConfig config = new EventLiteConfig();
        config.config = new MapConfig(settings);
        config.read();
        return router(policy, config);
    }

    static RequestRouter router(EventAccessPolicy policy, EventLiteConfig config) {
        FailedAttempts failedAttempts = new FailedAttempts();
        failedAttempts.config = config;
        ObserverNotifier notifier = new ObserverNotifier();
        notifier.presence = new ObservedEvents();
        notifier.localListeners = new LocalListeners();
        RequestRouter router = new RequestRouter();
        router.config = config;
        router.policy = policy;
        router.registry = new SubscriptionRegistry();
        router.notifier = notifier;
        router.failedAttempts = failedAttempts;
        router.metrics = new EventLiteMetrics();
        return router;
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
        RequestRouter router = router(new ThrowingPolicy(), Map.of());
        RecordingConnection connection = new RecordingConnection(1, "127.0.0.1");

        router.onRequest(connection, new SubscribeRequest("a", ALICE));

        assertEquals(List.of(Frame.PERMISSION_DENIED), connection.sent);
        assertEquals(0, router.registry.subscriptionCount());
    }

    @Test
    void addressIsRefusedUndecidedAfterMaxFailuresOthersAreNot() {
        Map<String, String> settings = new HashMap<>();
        settings.put("eventlite.auth.max-failures", "3");
        CountingPolicy policy = new CountingPolicy();
        RequestRouter router = router(policy, settings);
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
