package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What clients on the network may not do to the server or to each other (it-settings.xml:
 * anonymous clients only from 127.0.0.0/28, first request within 2 s, 60 connections per address,
 * 5 subscriptions per connection). 127.0.0.99 stands for a host on another network.
 */
class HostileClientsIT {

    private static final String UNTRUSTED = "127.0.0.99";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anonymousTcpClientsFromAnUntrustedNetworkAreDenied() throws IOException {
        try (RawClient remote = RawClient.connectFrom(UNTRUSTED)) {
            assertEquals("permission denied", remote.subscribe("hostile.anon", TestServer.ANONYMOUS));
            assertEquals("permission denied", remote.publish("hostile.anon", TestServer.ANONYMOUS, "{}"));
            assertEquals("ok", remote.subscribe("a", TestServer.ALICE), "named users are not affected");
        }
        try (RawClient local = RawClient.connectFrom("127.0.0.1")) {
            assertEquals("ok", local.subscribe("hostile.anon", TestServer.ANONYMOUS));
        }
    }

    @Test
    void anonymousHttpAndSseClientsFromAnUntrustedNetworkAreRefused() throws IOException {
        String publish = post("/eventlite/api/events/hostile.http", "application/json", null, "{\"x\":1}");
        assertEquals(401, status(http(UNTRUSTED, publish)));
        String stream = "GET /eventlite/api/events?name=hostile.http HTTP/1.1\r\nHost: 127.0.0.1:" + TestServer.HTTP_PORT
                + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n";
        assertEquals(401, status(http(UNTRUSTED, stream)));
        assertEquals(200, status(http("127.0.0.1", publish)));
    }

    @Test
    void statisticsNamingSubscribersAreForMonitorsOnly() throws IOException {
        String stats = "GET /eventlite/api/stats HTTP/1.1\r\nHost: 127.0.0.1:" + TestServer.HTTP_PORT
                + "\r\nConnection: close\r\n\r\n";
        assertEquals(401, status(http(UNTRUSTED, stats)));
        String named = "GET /eventlite/api/stats HTTP/1.1\r\nHost: 127.0.0.1:" + TestServer.HTTP_PORT
                + "\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString(
                        TestServer.ALICE.replace('|', ':').getBytes(StandardCharsets.UTF_8))
                + "\r\nConnection: close\r\n\r\n";
        assertEquals(403, status(http(UNTRUSTED, named)), "alice has no monitor permission");
        assertEquals(200, status(http("127.0.0.1", stats)), "anonymous from a trusted network");
    }

    @Test
    void browsersOfOtherSitesCannotPublish() throws IOException {
        String form = post("/eventlite/api/events/hostile.csrf", "text/plain", null, "{\"x\":1}");
        assertEquals(415, status(http("127.0.0.1", form)));
        String crossSite = post("/eventlite/api/events/hostile.csrf", "application/json", "http://evil.example", "{\"x\":1}");
        assertEquals(403, status(http("127.0.0.1", crossSite)));
        String sameSite = post("/eventlite/api/events/hostile.csrf", "application/json",
                "http://127.0.0.1:" + TestServer.HTTP_PORT, "{\"x\":1}");
        assertEquals(200, status(http("127.0.0.1", sameSite)));
    }

    /** An HTTP body that stops coming holds a server thread for the endpoint's readTimeout (10 s) only. */
    @Test
    void anHttpBodyThatStopsComingIsAnsweredRequestTimeout() throws IOException {
        String partial = "POST /eventlite/api/events/hostile.slow HTTP/1.1\r\nHost: 127.0.0.1:" + TestServer.HTTP_PORT
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":";
        long started = System.nanoTime();
        assertEquals(408, status(http("127.0.0.1", partial, Duration.ofSeconds(30))));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 9_000 && tookMillis < 20_000, "answered after " + tookMillis + " ms");
    }

    @Test
    void nothingAfterAnErrorReplyIsExecutedThoughItCameInTheSameWrite() throws IOException {
        try (RawClient canary = RawClient.connect(); RawClient marker = RawClient.connect();
                RawClient greedy = RawClient.connect()) {
            assertEquals("ok", canary.subscribe("hostile.after-error", TestServer.ANONYMOUS));
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                burst.append("subscribe/hostile.s").append(i).append(":|\n");
            }
            byte[] publish = RawClient.publishBytes("hostile.after-error", TestServer.ANONYMOUS, "{\"n\":\"after\"}");
            greedy.send(burst.toString()).send(publish);
            assertEquals("okokokokok-ERR too-many-subscriptions: this connection holds as many subscriptions as allowed\n",
                    new String(greedy.readExactly(10, WAIT), StandardCharsets.US_ASCII) + greedy.readLine(WAIT));
            assertTrue(greedy.closedWithin(WAIT));
            assertEquals("ok", marker.publish("hostile.after-error", TestServer.ANONYMOUS, "{\"n\":\"marker\"}"));
            assertEquals("{\"event\":\"hostile.after-error\",\"n\":\"marker\"}", canary.readEventJson(),
                    "the publish after the error must not have been delivered");
        }
    }

    @Test
    void aPipelinedRequestWhoseLinePausesIsNeitherSplitNorSwallowed() throws Exception {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("hostile.pause", TestServer.ANONYMOUS));
            String body = Base64.getEncoder().encodeToString("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
            publisher.send("publish/hostile.pause:|\n\n" + body + "\npubli");
            // The rest of the next line comes later than the grace period (50 ms), as a TCP retransmission would.
            Waits.betweenPolls(300);
            publisher.send("sh/hostile.pause:|\n\n" + body + "\n\n");
            assertEquals("okok", new String(publisher.readExactly(4, WAIT), StandardCharsets.US_ASCII));
            assertEquals("{\"event\":\"hostile.pause\",\"n\":1}", subscriber.readEventJson());
            assertEquals("{\"event\":\"hostile.pause\",\"n\":1}", subscriber.readEventJson());
        }
    }

    @Test
    void deniedBodiesAreDroppedUnbufferedWhileOthersAreServed() throws Exception {
        int attackers = 40;
        byte[] partialBody = Base64.getMimeEncoder().encode(new byte[900 * 1024]);
        List<RawClient> open = new ArrayList<>();
        try (RawClient canary = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", canary.subscribe("hostile.canary", TestServer.ANONYMOUS));
            for (int i = 0; i < attackers; i++) {
                RawClient attacker = RawClient.connectFrom("127.0.0.6");
                open.add(attacker);
                attacker.send("publish/hostile.canary:" + TestServer.ALICE_WRONG_PASSWORD + "\n\n");
                assertEquals("permission denied", attacker.readReply(), "denied when the line arrives");
                attacker.send(partialBody);
                assertEquals("ok", publisher.publish("hostile.canary", TestServer.ANONYMOUS, "{\"i\":" + i + "}"));
                assertEquals("{\"event\":\"hostile.canary\",\"i\":" + i + "}", canary.readEventJson());
            }
            JsonObject listener = ServerHealth.listenerData();
            assertTrue(listener.getJsonNumber("requestBodyBytes").longValue() < 1024 * 1024,
                    "denied bodies held " + listener.getJsonNumber("requestBodyBytes") + " bytes");
        } finally {
            for (RawClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (RawClient silent = RawClient.connectFrom("127.0.0.7")) {
            assertEquals("-ERR idle-timeout: no request was completed in time after connecting\n", silent.readLine(WAIT));
            assertTrue(silent.closedWithin(WAIT));
        }
        try (RawClient slowStarter = RawClient.connectFrom("127.0.0.7")) {
            slowStarter.send("subscr");
            String reply = slowStarter.readLine(WAIT);
            assertTrue(reply.equals("-ERR idle-timeout: no request was completed in time after connecting\n")
                    || reply.equals("-ERR request-timeout: the request was not completed in time\n"),
                    "a begun line does not keep the connection either: " + reply);
            assertTrue(slowStarter.closedWithin(WAIT));
        }
    }

    @Test
    void oneAddressCannotTakeEveryConnection() throws Exception {
        List<RawClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                RawClient client = RawClient.connectFrom("127.0.0.8");
                open.add(client);
                assertEquals("ok", client.subscribe("hostile.per-address", TestServer.ANONYMOUS), "connection " + i);
            }
            try (RawClient refused = RawClient.connectFrom("127.0.0.8")) {
                assertEquals("-ERR too-many-connections-from-address: this address holds as many connections as allowed\n",
                        refused.readLine(WAIT));
            }
            try (RawClient other = RawClient.connectFrom("127.0.0.9")) {
                assertEquals("ok", other.subscribe("hostile.per-address", TestServer.ANONYMOUS));
            }
        } finally {
            for (RawClient client : open) {
                client.close();
            }
        }
        assertEquals("ok", subscribeOnceAdmitted("127.0.0.8"), "the address is admitted again once its connections close");
    }

    /** The server counts closed connections when it sees them close: retry a refused one until the deadline. */
    private static String subscribeOnceAdmitted(String address) throws Exception {
        return Waits.until(WAIT, Duration.ofMillis(50), () -> {
            try (RawClient client = RawClient.connectFrom(address)) {
                return client.subscribe("hostile.per-address", TestServer.ANONYMOUS);
            }
        }, "ok"::equals);
    }

    private static String post(String path, String contentType, String origin, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + TestServer.HTTP_PORT + "\r\nContent-Type: " + contentType
                + (origin == null ? "" : "\r\nOrigin: " + origin) + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + json;
    }

    /** One HTTP/1.1 exchange from {@code localAddress}, written by hand: no client library binds a source address. */
    private static String http(String localAddress, String request) throws IOException {
        return http(localAddress, request, WAIT);
    }

    private static String http(String localAddress, String request, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(TestServer.HOST, TestServer.HTTP_PORT));
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                statusLine.write(b);
            }
            return statusLine.toString(StandardCharsets.US_ASCII);
        }
    }

    private static int status(String statusLine) {
        String[] parts = statusLine.split(" ");
        assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/"), "not a status line: " + statusLine);
        return Integer.parseInt(parts[1]);
    }
}
