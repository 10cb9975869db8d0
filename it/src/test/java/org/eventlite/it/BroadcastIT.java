package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original's benchmark scenario, checked for completeness and order: 10 subscribers, 100 events. */
class BroadcastIT {

    private static final int SUBSCRIBERS = 10;
    private static final int EVENTS = 100;

    @Test
    void tenSubscribersEachReceiveAllHundredEventsInOrder() throws IOException {
        String event = "bench.each";
        List<RawClient> subscribers = subscribe(event);
        try (RawClient publisher = RawClient.connect()) {
            for (int i = 0; i < EVENTS; i++) {
                assertEquals("ok", publisher.publish(event, TestServer.ANONYMOUS, "{\"seq\":" + i + "}"));
            }
            assertEveryoneReceivedInOrder(subscribers, event);
        } finally {
            closeAll(subscribers);
        }
    }

    @Test
    void hundredPerlStylePublishesPipelinedInOneWriteReachEverySubscriberInOrder() throws IOException {
        String event = "bench.pipelined";
        List<RawClient> subscribers = subscribe(event);
        try (RawClient publisher = RawClient.connect()) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < EVENTS; i++) {
                String pretty = "{\n   \"event\" : \"" + event + "\",\n   \"seq\" : " + i + "\n}\n";
                pipeline.writeBytes(("publish/" + event + ":|\n\n").getBytes(StandardCharsets.US_ASCII));
                pipeline.writeBytes(Base64.getMimeEncoder(76, new byte[] {'\n'}).encode(pretty.getBytes(StandardCharsets.UTF_8)));
                pipeline.write('\n');
            }
            publisher.send(pipeline.toByteArray());
            assertEquals("ok".repeat(EVENTS),
                    new String(publisher.readExactly(2 * EVENTS, RawClient.DEFAULT_WAIT), StandardCharsets.US_ASCII));
            for (RawClient subscriber : subscribers) {
                for (int i = 0; i < EVENTS; i++) {
                    assertEquals("{\n   \"event\" : \"" + event + "\",\n   \"seq\" : " + i + "\n}", subscriber.readEventJson());
                }
            }
        } finally {
            closeAll(subscribers);
        }
    }

    @Test
    void hundredTerminatedPublishesPipelinedInOneWriteReachEverySubscriberInOrder() throws IOException {
        String event = "bench.terminated";
        List<RawClient> subscribers = subscribe(event);
        try (RawClient publisher = RawClient.connect()) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < EVENTS; i++) {
                pipeline.writeBytes(RawClient.publishBytes(event, TestServer.ANONYMOUS, "{\"seq\":" + i + "}"));
            }
            publisher.send(pipeline.toByteArray());
            assertEquals("ok".repeat(EVENTS),
                    new String(publisher.readExactly(2 * EVENTS, RawClient.DEFAULT_WAIT), StandardCharsets.US_ASCII));
            assertEveryoneReceivedInOrder(subscribers, event);
        } finally {
            closeAll(subscribers);
        }
    }

    private static List<RawClient> subscribe(String event) throws IOException {
        List<RawClient> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            RawClient subscriber = RawClient.connect();
            subscribers.add(subscriber);
            assertEquals("ok", subscriber.subscribe(event, TestServer.ANONYMOUS));
        }
        return subscribers;
    }

    private static void assertEveryoneReceivedInOrder(List<RawClient> subscribers, String event) throws IOException {
        for (RawClient subscriber : subscribers) {
            for (int i = 0; i < EVENTS; i++) {
                assertEquals("{\"event\":\"" + event + "\",\"seq\":" + i + "}", subscriber.readEventJson());
            }
        }
    }

    private static void closeAll(List<RawClient> clients) throws IOException {
        for (RawClient client : clients) {
            client.close();
        }
    }
}
