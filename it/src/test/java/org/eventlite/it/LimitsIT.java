package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection cap and the request timeout of the test server
 * (it-settings.xml: eventlite.max-connections=100, eventlite.request-timeout=2s,
 * eventlite.max-subscriptions-per-connection=5).
 * Each test leaves the server as it found it.
 */
class LimitsIT {

    private static final int MAX_CONNECTIONS = 100;
    private static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 5;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void connectionCapHoldsRoundAfterRoundWithoutLeaking() throws Exception {
        int baseline = awaitOpenConnections(0).getInt("openConnections");
        for (int round = 0; round < 3; round++) {
            List<RawClient> admitted = new ArrayList<>();
            try {
                for (int i = baseline; i < MAX_CONNECTIONS; i++) {
                    // From two addresses: one alone would meet the per-address cap (60) first.
                    RawClient client = RawClient.connectFrom(i % 2 == 0 ? "127.0.0.1" : "127.0.0.5");
                    admitted.add(client);
                    assertEquals("ok", client.subscribe("limits.cap", TestServer.ANONYMOUS), "connection " + i);
                }
                try (RawClient refused = RawClient.connect()) {
                    assertEquals("-ERR too-many-connections: the server has reached its connection limit\n",
                            refused.readLine(Duration.ofSeconds(2)), "round " + round);
                    assertTrue(refused.closedWithin(Duration.ofSeconds(1)));
                }
            } finally {
                for (RawClient client : admitted) {
                    client.close();
                }
            }
            JsonObject data = awaitOpenConnections(baseline);
            assertEquals(baseline, data.getInt("openConnections"), "round " + round + " leaked connections");
        }
    }

    @Test
    void subscriptionsPerConnectionAreCapped() throws Exception {
        try (RawClient client = RawClient.connect()) {
            for (int i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) {
                assertEquals("ok", client.subscribe("limits.many." + i, TestServer.ANONYMOUS));
            }
            assertEquals("ok", client.subscribe("limits.many.0", TestServer.ANONYMOUS), "subscribing again adds nothing");
            assertEquals("-ERR too-many-subscriptions: this connection holds as many subscriptions as allowed\n",
                    client.readReplyLine("subscribe/limits.many.extra:|\n"));
            assertTrue(client.closedWithin(Duration.ofSeconds(1)));
        }
    }

    /** Only a whole-looking subscribe line ends without LF (the Perl subscriber's form); half a line waits, then times out. */
    @Test
    void halfALineIsClosedAfterTheRequestTimeout() throws Exception {
        assertTimesOut("subscribe/limits.half");
    }

    @Test
    void bodyThatStopsIsClosedAfterTheRequestTimeout() throws Exception {
        assertTimesOut("publish/limits.body:|\n\neyJhIjox");
    }

    /**
     * A pipelining publisher whose every read ends in the middle of a request is never
     * between requests, yet it completes one request after another: the request timeout
     * measures each request, not the whole stream (found by the benchmark's scenario c).
     */
    @Test
    void pipelinedPublisherIsNotCutWhileItsRequestsComplete() throws Exception {
        byte[] request = RawClient.publishBytes("limits.stream", TestServer.ANONYMOUS, "{\"n\":1}");
        int half = request.length / 2;
        long until = System.nanoTime() + REQUEST_TIMEOUT.multipliedBy(2).toNanos();
        int acknowledged = 0;
        try (RawClient client = RawClient.connect()) {
            client.send(Arrays.copyOfRange(request, 0, half));
            while (System.nanoTime() - until < 0) {
                byte[] tailThenHead = new byte[request.length];
                System.arraycopy(request, half, tailThenHead, 0, request.length - half);
                System.arraycopy(request, 0, tailThenHead, request.length - half, half);
                client.send(tailThenHead);
                assertEquals("ok", client.readReply(), "after " + acknowledged + " requests");
                acknowledged++;
            }
            client.send(Arrays.copyOfRange(request, half, request.length));
            assertEquals("ok", client.readReply());
        }
    }

    private static void assertTimesOut(String partialRequest) throws IOException {
        try (RawClient client = RawClient.connect()) {
            long start = System.nanoTime();
            client.send(partialRequest);
            String reply = client.readLine(REQUEST_TIMEOUT.plusSeconds(2));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("-ERR request-timeout: the request was not completed in time\n", reply);
            assertTrue(took.compareTo(REQUEST_TIMEOUT.minusMillis(100)) >= 0 && took.compareTo(REQUEST_TIMEOUT.plusSeconds(1)) < 0,
                    "closed after " + took);
            assertTrue(client.closedWithin(Duration.ofSeconds(1)));
        }
    }

    private static JsonObject awaitOpenConnections(int atMost) throws Exception {
        return ServerHealth.awaitListenerData(data -> data.getInt("openConnections") <= atMost, SETTLE);
    }
}
