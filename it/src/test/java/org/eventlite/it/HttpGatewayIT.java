package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The HTTP gateway: POST to publish, Server-Sent Events to subscribe, both under the TCP rules. */
class HttpGatewayIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> post(String event, String credentials, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestServer.HTTP_PORT + "/eventlite/api/events/" + event))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.replaceFirst("\\|", ":").getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject stats() throws Exception {
        try (JsonReader reader = Json.createReader(new StringReader(
                ServerHealth.get(TestServer.HTTP_PORT, "/eventlite/api/stats").body()))) {
            return reader.readObject();
        }
    }

    /**
     * The event streams among the subscribers the statistics list: the gateway numbers them down
     * from -1 and names them by address (applications' subscribers, also negative, by name).
     */
    private static long openStreams(JsonObject stats) {
        return stats.getJsonArray("subscribers").getValuesAs(JsonObject.class).stream()
                .filter(subscriber -> subscriber.getJsonNumber("id").longValue() < 0
                        && subscriber.getString("address").startsWith("/"))
                .count();
    }

    private static SseStream subscribed(String query, String credentials) throws Exception {
        SseStream stream = SseStream.open("/eventlite/api/events?" + query, credentials);
        assertEquals(200, stream.status);
        assertEquals("subscribed", stream.next().name());
        return stream;
    }

    @Test
    void aRawTcpPublishReachesAnSseClientAsOneMessage() throws Exception {
        try (SseStream stream = subscribed("name=gw.sse.*&name=gw.other", null); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", publisher.publish("gw.sse.a", TestServer.ANONYMOUS, "{\"n\":1,\"text\":\"é\"}"));
            assertEquals("ok", publisher.publish("gw.other", TestServer.ANONYMOUS, "{\"n\":2}"));
            assertEquals(new SseStream.Event("message", "{\"event\":\"gw.sse.a\",\"n\":1,\"text\":\"é\"}"), stream.next());
            assertEquals(new SseStream.Event("message", "{\"event\":\"gw.other\",\"n\":2}"), stream.next());
        }
    }

    @Test
    void anHttpPostReachesARawTcpSubscriberByteExactly() throws Exception {
        byte[] body = "{\"event\":\"gw.post\", \"n\" : 1,\"text\":\"é\\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        try (RawClient subscriber = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("gw.post", TestServer.ANONYMOUS));
            HttpResponse<String> response = post("gw.post", null, body);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(Base64.getEncoder().encodeToString(body) + "\n\n", subscriber.readFrame());

            assertEquals(200, post("gw.post", null, "{\"n\":2}".getBytes(StandardCharsets.UTF_8)).statusCode());
            assertEquals("{\"event\":\"gw.post\",\"n\":2}", subscriber.readEventJson(), "the server adds the name");
        }
    }

    @Test
    void aDeniedHttpPublishGets403AndReachesNoOne() throws Exception {
        try (RawClient subscriber = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("b", TestServer.ALICE));
            HttpResponse<String> denied = post("b", TestServer.BOB, "{\"secret\":true}".getBytes(StandardCharsets.UTF_8));
            assertEquals(403, denied.statusCode());
            assertTrue(denied.body().contains("\"error\":\"permission-denied\""), denied.body());

            assertEquals(200, post("b", TestServer.ALICE, "{\"n\":1}".getBytes(StandardCharsets.UTF_8)).statusCode());
            assertEquals("{\"event\":\"b\",\"n\":1}", subscriber.readEventJson(), "the denied event was never delivered");
        }
    }

    @Test
    void badBodiesGetTheProtocolsErrorIds() throws Exception {
        HttpResponse<String> notJson = post("gw.bad", null, "{\"n\":".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().contains("\"error\":\"invalid-json\""), notJson.body());
        HttpResponse<String> mismatch = post("gw.bad", null, "{\"event\":\"other\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body().contains("event-name-mismatch"), mismatch.body());
        HttpResponse<String> tooLarge = post("gw.bad", null, new byte[1024 * 1024 + 1]);
        assertEquals(413, tooLarge.statusCode());
        HttpResponse<String> pattern = post("gw.*", null, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, pattern.statusCode());
    }

    @Test
    void aDeniedSseSubscribeGets403() throws Exception {
        try (SseStream stream = SseStream.open("/eventlite/api/events?name=a", TestServer.BOB)) {
            assertEquals(403, stream.status);
        }
    }

    /**
     * An SSE client that stops reading is dropped like a slow TCP subscriber: the test
     * server's write timeout is 3 s, an SSE stream's pending limit the soft one, 8 MiB; 40 events of 512 KiB
     * exceed what socket buffers hold.
     */
    @Test
    void aStalledSseClientIsDroppedAndCounted() throws Exception {
        long before = Metrics.scrape().value("eventlite_slow_consumer_disconnects_total", "transport=\"sse\"");
        try (Socket stalled = new Socket(TestServer.HOST, TestServer.HTTP_PORT); RawClient publisher = RawClient.connect()) {
            stalled.setReceiveBufferSize(4096);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /eventlite/api/events?name=gw.slow HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String pad = "x".repeat(512 * 1024);
            awaitSubscribers("gw.slow", 1);
            for (int i = 0; i < 40; i++) {
                publisher.send(RawClient.publishBytes("gw.slow", TestServer.ANONYMOUS, "{\"pad\":\"" + pad + "\"}"));
            }
            for (int i = 0; i < 40; i++) {
                assertEquals("ok", publisher.readReply());
            }
            awaitSubscribers("gw.slow", 0);
            assertEquals(before + 1, Metrics.scrape().value("eventlite_slow_consumer_disconnects_total", "transport=\"sse\""));
        }
    }

    /**
     * Writes to SSE clients that stopped reading block (Liberty's output does, until its HTTP
     * write timeout), so they run on threads of their own: Liberty's shared pool, which serves
     * health checks and every HTTP request, keeps its threads while ten streams' writes wait.
     * 6 MiB to each stream is more than the socket buffers hold and less than the pending limit
     * (8 MiB), so the streams end only when their blocked writes time out.
     */
    @Test
    void blockedSseWritesHoldNoThreadOfLibertysPool() throws Exception {
        long idle = activePoolThreads();
        List<Socket> stalled = new ArrayList<>();
        try (RawClient publisher = RawClient.connect()) {
            for (int i = 0; i < 10; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress(TestServer.HOST, TestServer.HTTP_PORT));
                stalled.add(socket);
                socket.getOutputStream().write(("GET /eventlite/api/events?name=gw.blocked HTTP/1.1\r\nHost: localhost\r\n"
                        + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            awaitSubscribers("gw.blocked", 10);
            String pad = "x".repeat(512 * 1024);
            for (int i = 0; i < 12; i++) {
                publisher.send(RawClient.publishBytes("gw.blocked", TestServer.ANONYMOUS, "{\"pad\":\"" + pad + "\"}"));
            }
            for (int i = 0; i < 12; i++) {
                assertEquals("ok", publisher.readReply());
            }
            // The pool sampled every 100 ms while the streams last (their writes time out after 10 s).
            long[] most = {idle};
            boolean ended = Waits.until(Duration.ofSeconds(40), Duration.ofMillis(100), () -> {
                most[0] = Math.max(most[0], activePoolThreads());
                return !listed("gw.blocked");
            }, gone -> gone);
            assertTrue(ended, "the blocked streams ended");
            assertTrue(most[0] < idle + 5, "Liberty's pool had " + most[0] + " active threads, " + idle + " before");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private static long activePoolThreads() throws Exception {
        return Metrics.scrape("vendor").value("threadpool_activeThreads", "pool=\"Default_Executor\"");
    }

    /** Whether /api/stats lists {@code name} as subscribed. */
    private static boolean listed(String name) throws Exception {
        return ServerHealth.get(TestServer.HTTP_PORT, "/eventlite/api/stats").body().contains("\"name\":\"" + name + "\"");
    }

    /** Polls /api/stats until {@code name} has {@code count} subscribers, for at most 15 s. */
    static void awaitSubscribers(String name, int count) throws Exception {
        Predicate<String> reached = stats -> count == 0
                ? !stats.contains("\"name\":\"" + name + "\"")
                : stats.contains("{\"name\":\"" + name + "\",\"subscribers\":" + count + "}");
        String last = Waits.until(Duration.ofSeconds(15), Duration.ofMillis(100),
                () -> ServerHealth.get(TestServer.HTTP_PORT, "/eventlite/api/stats").body(), reached);
        if (!reached.test(last)) {
            throw new AssertionError(name + " did not reach " + count + " subscribers: " + last);
        }
    }

    /** The test server allows 20 streams (eventlite.sse.max-streams); one more is refused until some close. */
    @Test
    void eventStreamsAreCappedAndAdmittedAgainOnceTheyClose() throws Exception {
        awaitNoOpenStreams("no other event stream is open");
        List<SseStream> open = new ArrayList<>();
        int refusedAt = -1;
        try {
            for (int i = 0; i < 25 && refusedAt < 0; i++) {
                SseStream stream = SseStream.open("/eventlite/api/events?name=gw.cap", null);
                open.add(stream);
                if (stream.status == 503) {
                    refusedAt = i;
                } else {
                    assertEquals(200, stream.status);
                    assertEquals("subscribed", stream.next().name());
                }
            }
        } finally {
            for (SseStream stream : open) {
                stream.close();
            }
        }
        assertTrue(refusedAt >= 0 && refusedAt <= 20, "refused at stream " + refusedAt);
        int status = Waits.until(Duration.ofSeconds(15), Duration.ofMillis(200), () -> {
            try (SseStream again = SseStream.open("/eventlite/api/events?name=gw.cap", null)) {
                return again.status;
            }
        }, answer -> answer == 200);
        assertEquals(200, status, "closed streams are counted out (the heartbeat finds them)");
        awaitNoOpenStreams("every stream of this test is counted out, so that the next tests find room");
    }

    /**
     * Streams that clients closed count until the server's next heartbeat (1 s) finds them gone,
     * and the statistics are a snapshot of each second: waits for one made 2 s from now that
     * lists no event stream.
     */
    private static void awaitNoOpenStreams(String why) throws Exception {
        long settled = System.currentTimeMillis() + 2000;
        JsonObject stats = Waits.until(Duration.ofSeconds(15), Duration.ofMillis(200), HttpGatewayIT::stats,
                seen -> seen.getJsonNumber("time").longValue() >= settled && openStreams(seen) == 0);
        assertEquals(0, openStreams(stats), why + ": " + stats);
    }
}
