package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Access decisions of the shipped policy, with the users of it/pom.xml:
 * alice publishes b and subscribes a and b; bob subscribes b only. The
 * listener is on loopback, so anonymous clients are admitted.
 */
class AccessIT {

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void deniedSubscriberReceivesNothing() throws IOException {
        try (RawClient denied = RawClient.connect(); RawClient admitted = RawClient.connect();
                RawClient publisher = RawClient.connect()) {
            assertEquals("permission denied", denied.subscribe("a", TestServer.BOB));
            assertEquals("ok", admitted.subscribe("a", TestServer.ALICE));

            assertEquals("ok", publisher.publish("a", TestServer.ANONYMOUS, "{\"secret\":1}"));

            assertEquals("{\"event\":\"a\",\"secret\":1}", admitted.readEventJson());
            assertTrue(denied.silentFor(QUIET));
        }
    }

    @Test
    void publisherDeniedForOneEventCanPublishOnlyTheOther() throws IOException {
        try (RawClient subscriberA = RawClient.connect(); RawClient subscriberB = RawClient.connect();
                RawClient alice = RawClient.connect()) {
            assertEquals("ok", subscriberA.subscribe("a", TestServer.ANONYMOUS));
            assertEquals("ok", subscriberB.subscribe("b", TestServer.BOB));

            assertEquals("permission denied", alice.publish("a", TestServer.ALICE, "{\"n\":1}"));
            assertEquals("ok", alice.publish("b", TestServer.ALICE, "{\"n\":2}"));

            assertEquals("{\"event\":\"b\",\"n\":2}", subscriberB.readEventJson());
            assertTrue(subscriberA.silentFor(QUIET));
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreDenied() throws IOException {
        try (RawClient client = RawClient.connect()) {
            assertEquals("permission denied", client.publish("b", TestServer.ALICE_WRONG_PASSWORD, "{}"));
            assertEquals("permission denied", client.publish("b", "mallory|x", "{}"));
            assertEquals("permission denied", client.subscribe("b", "alice|"));
        }
    }
}
