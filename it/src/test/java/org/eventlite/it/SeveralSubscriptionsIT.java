package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Several subscriptions on one connection and {@code unsubscribe/}: replies
 * start with o, p or -, frames with e, so a client tells them apart.
 */
class SeveralSubscriptionsIT {

    @Test
    void oneConnectionHoldsSeveralSubscriptionsAndUnsubscribeStopsOne() throws Exception {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("multi.a", TestServer.ANONYMOUS));
            assertEquals("ok", subscriber.subscribe("multi.b", TestServer.ANONYMOUS));

            assertEquals("ok", publisher.publish("multi.a", TestServer.ANONYMOUS, "{\"n\":1}"));
            assertEquals("ok", publisher.publish("multi.b", TestServer.ANONYMOUS, "{\"n\":2}"));
            assertEquals("{\"event\":\"multi.a\",\"n\":1}", subscriber.readEventJson());
            assertEquals("{\"event\":\"multi.b\",\"n\":2}", subscriber.readEventJson());

            subscriber.send("unsubscribe/multi.a:|\n");
            assertEquals("ok", subscriber.readReply());
            assertEquals("ok", publisher.publish("multi.a", TestServer.ANONYMOUS, "{\"n\":3}"));
            assertEquals("ok", publisher.publish("multi.b", TestServer.ANONYMOUS, "{\"n\":4}"));
            assertEquals("{\"event\":\"multi.b\",\"n\":4}", subscriber.readEventJson());
            assertTrue(subscriber.silentFor(Duration.ofMillis(300)), "multi.a still delivered after unsubscribe");

            subscriber.send("unsubscribe/never.subscribed:|\n");
            assertEquals("ok", subscriber.readReply());
        }
    }
}
