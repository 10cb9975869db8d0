package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NATS-style wildcard subscriptions against the real server: each pattern
 * receives exactly the events whose names it matches. A last event every
 * pattern matches marks the end, so nothing is concluded from a silence.
 */
class WildcardSubscriptionIT {

    private static final List<String> PUBLISHED = List.of("a", "a.b", "a.c", "a.b.c", "x.b", "x.y", "b");
    private static final String LAST = "{\"event\":\"a.b\",\"last\":true}";

    /** Pattern to the names it must receive, in publish order. */
    private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("a.*", List.of("a.b", "a.c"));
        EXPECTED.put("a.>", List.of("a.b", "a.c", "a.b.c"));
        EXPECTED.put("*.b", List.of("a.b", "x.b"));
        EXPECTED.put(">", PUBLISHED);
        EXPECTED.put("a.b", List.of("a.b"));
    }

    private static String json(String name) {
        return "{\"event\":\"" + name + "\"}";
    }

    /** The frames up to the last marker, which every subscriber receives. */
    private static List<String> framesUntilLast(RawClient subscriber) throws Exception {
        List<String> received = new ArrayList<>();
        String frame;
        while (!(frame = subscriber.readEventJson()).equals(LAST)) {
            received.add(frame);
        }
        return received;
    }

    @Test
    void eachPatternReceivesExactlyTheMatchingEvents() throws Exception {
        Map<String, RawClient> subscribers = new LinkedHashMap<>();
        try (RawClient publisher = RawClient.connect()) {
            for (String pattern : EXPECTED.keySet()) {
                RawClient subscriber = RawClient.connect();
                subscribers.put(pattern, subscriber);
                assertEquals("ok", subscriber.subscribe(pattern, TestServer.ANONYMOUS), pattern);
            }
            for (String name : PUBLISHED) {
                assertEquals("ok", publisher.publish(name, TestServer.ANONYMOUS, json(name)));
            }
            assertEquals("ok", publisher.publish("a.b", TestServer.ANONYMOUS, "{\"last\":true}"));

            for (Map.Entry<String, List<String>> expected : EXPECTED.entrySet()) {
                List<String> frames = expected.getValue().stream().map(WildcardSubscriptionIT::json).toList();
                assertEquals(frames, framesUntilLast(subscribers.get(expected.getKey())), expected.getKey());
            }
        } finally {
            for (RawClient subscriber : subscribers.values()) {
                subscriber.close();
            }
        }
    }

    @Test
    void severalPatternsOnOneConnectionDeliverEachEventOnceAndUnsubscribeStopsOne() throws Exception {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("a.*", TestServer.ANONYMOUS));
            assertEquals("ok", subscriber.subscribe("*.b", TestServer.ANONYMOUS));
            for (String name : PUBLISHED) {
                assertEquals("ok", publisher.publish(name, TestServer.ANONYMOUS, json(name)));
            }
            assertEquals("ok", publisher.publish("a.b", TestServer.ANONYMOUS, "{\"last\":true}"));
            assertEquals(List.of(json("a.b"), json("a.c"), json("x.b")), framesUntilLast(subscriber),
                    "a.b matches both patterns and arrives once");

            subscriber.send("unsubscribe/a.*:|\n");
            assertEquals("ok", subscriber.readReply());
            for (String name : PUBLISHED) {
                assertEquals("ok", publisher.publish(name, TestServer.ANONYMOUS, json(name)));
            }
            assertEquals("ok", publisher.publish("a.b", TestServer.ANONYMOUS, "{\"last\":true}"));
            assertEquals(List.of(json("a.b"), json("x.b")), framesUntilLast(subscriber), "a.c no longer");
        }
    }

    @Test
    void patternsAreForSubscribingOnly() throws Exception {
        try (RawClient publisher = RawClient.connect(); RawClient subscriber = RawClient.connect()) {
            publisher.send(RawClient.publishBytes("a.*", TestServer.ANONYMOUS, "{}"));
            assertTrue(publisher.readLine(RawClient.DEFAULT_WAIT).startsWith("-ERR wildcard-in-publish: "));
            assertTrue(publisher.closedWithin(RawClient.DEFAULT_WAIT));

            subscriber.send("subscribe/a.>.b:|\n");
            assertTrue(subscriber.readLine(RawClient.DEFAULT_WAIT).startsWith("-ERR invalid-pattern: "));
            assertTrue(subscriber.closedWithin(RawClient.DEFAULT_WAIT));
        }
    }
}
