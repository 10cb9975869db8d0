package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eventlite.connector.api.ListenerSettings;
import org.junit.jupiter.api.Test;

/**
 * /metrics moves by exactly what the test causes. The integration tests run one
 * at a time, so nothing else talks to the server meanwhile.
 */
class MetricsIT {

    private static final String EVENT = "metrics.counted";

    @Test
    void countersMoveByTheExactAmountsATestCauses() throws Exception {
        // Streams of earlier tests' SSE clients end at the next heartbeat (1 s on the test server). The
        // example application's subscriptions (orders.* and orders.>) stay; this test's event matches neither.
        jakarta.json.JsonObject idle = ServerHealth.awaitListenerData(
                data -> data.getInt("openConnections") == 0
                        && data.getInt("subscriptions") == ApplicationIT.EXAMPLE_SUBSCRIPTIONS,
                java.time.Duration.ofSeconds(10));
        assertEquals(ApplicationIT.EXAMPLE_SUBSCRIPTIONS, idle.getInt("subscriptions"),
                "the server is idle before counting: " + idle);
        Metrics before = Metrics.scrape();
        String json = "{\"n\":1}";
        byte[] publish = RawClient.publishBytes(EVENT, TestServer.ANONYMOUS, json);
        byte[] denied = RawClient.publishBytes("b", TestServer.BOB, json);
        byte[] subscribe = ("subscribe/" + EVENT + ":|\n").getBytes(StandardCharsets.US_ASCII);
        int frame = Base64.getEncoder().encodeToString(
                ("{\"event\":\"" + EVENT + "\",\"n\":1}").getBytes(StandardCharsets.UTF_8)).length() + 2;
        try (RawClient first = RawClient.connect(); RawClient second = RawClient.connect();
                RawClient publisher = RawClient.connect()) {
            assertEquals("ok", first.subscribe(EVENT, TestServer.ANONYMOUS));
            assertEquals("ok", second.subscribe(EVENT, TestServer.ANONYMOUS));
            for (int i = 0; i < 3; i++) {
                assertEquals("ok", publisher.publish(EVENT, TestServer.ANONYMOUS, json));
            }
            assertEquals("permission denied", publisher.publish("b", TestServer.BOB, json));
            for (int i = 0; i < 3; i++) {
                first.readFrame();
                second.readFrame();
            }
            Metrics during = Metrics.scrape();
            assertEquals(3, during.value("eventlite_events_published_total") - before.value("eventlite_events_published_total"));
            assertEquals(6, during.value("eventlite_events_delivered_total") - before.value("eventlite_events_delivered_total"));
            assertEquals(1, during.value("eventlite_requests_denied_total", "action=\"publish\"")
                    - before.value("eventlite_requests_denied_total", "action=\"publish\""));
            assertEquals(0, during.value("eventlite_requests_denied_total", "action=\"subscribe\"")
                    - before.value("eventlite_requests_denied_total", "action=\"subscribe\""));
            assertEquals(3, during.value("eventlite_connections_open") - before.value("eventlite_connections_open"));
            assertEquals(2, during.value("eventlite_subscriptions") - before.value("eventlite_subscriptions"));
            assertEquals(2L * subscribe.length + 3L * publish.length + denied.length,
                    during.value("eventlite_received_bytes_total") - before.value("eventlite_received_bytes_total"));
            assertEquals(2 * 2 + 3 * 2 + "permission denied".length() + 6L * frame,
                    during.value("eventlite_sent_bytes_total") - before.value("eventlite_sent_bytes_total"));
            // One write batch in eventlite.metrics.latency-sample-every per I/O loop is sampled: that many
            // events read one by one are as many batches on the first subscriber's loop, so one is.
            for (int i = 0; i < ListenerSettings.DEFAULT_LATENCY_SAMPLE_EVERY; i++) {
                assertEquals("ok", publisher.publish(EVENT, TestServer.ANONYMOUS, json));
                first.readFrame();
                second.readFrame();
            }
            awaitLatencySampleSince(before);
        }
        try (RawClient malformed = RawClient.connect()) {
            malformed.send("hello/" + EVENT + ":|\n");
            assertTrue(malformed.readLine(RawClient.DEFAULT_WAIT).startsWith("-ERR unknown-verb"));
        }
        assertEquals(1, Metrics.scrape().value("eventlite_decode_errors_total") - before.value("eventlite_decode_errors_total"));
    }

    /** The sample is recorded after the write returns, so it may follow the subscriber's read by a moment. */
    private static void awaitLatencySampleSince(Metrics before) throws Exception {
        String count = "eventlite_publish_to_deliver_seconds_count";
        long samples = Waits.until(java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(50),
                () -> Metrics.scrape().value(count), value -> value > before.value(count));
        if (samples <= before.value(count)) {
            throw new AssertionError("no publish-to-deliver latency sample was taken");
        }
    }
}
