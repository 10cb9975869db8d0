package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed input gets its documented error reply and a close
 * within a second, while a subscriber on another connection keeps receiving.
 */
class BadInputIT {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final int MAX_EVENT_BYTES = 1024 * 1024;

    private static RawClient canarySubscriber;
    private static RawClient canaryPublisher;
    private static final AtomicInteger canarySeq = new AtomicInteger();

    @BeforeAll
    static void subscribeCanary() throws IOException {
        canarySubscriber = RawClient.connect();
        canaryPublisher = RawClient.connect();
        assertEquals("ok", canarySubscriber.subscribe("bad.canary", TestServer.ANONYMOUS));
    }

    @AfterAll
    static void closeCanary() throws IOException {
        canarySubscriber.close();
        canaryPublisher.close();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("NUL byte", ascii("subscribe/a\0b:|\n"), "control-character"),
                Arguments.of("control byte", ascii("subscribe/a\u0007b:|\n"), "control-character"),
                Arguments.of("unknown verb", ascii("hello/x:|\n"), "unknown-verb"),
                Arguments.of("missing /", ascii("subscribe\n"), "unknown-verb"),
                Arguments.of("missing :", ascii("subscribe/x\n"), "missing-credentials"),
                Arguments.of("missing |", ascii("subscribe/x:alice\n"), "malformed-credentials"),
                Arguments.of("empty event name", ascii("subscribe/:|\n"), "empty-event-name"),
                Arguments.of("oversized event name", ascii("subscribe/" + "n".repeat(256) + ":|\n"), "event-name-too-long"),
                Arguments.of("invalid base64", ascii("publish/x:|\n\ne30*\n"), "invalid-base64"),
                Arguments.of("invalid UTF-8", publish("x", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}),
                        "invalid-utf8"),
                Arguments.of("invalid JSON", publish("x", ascii("{\"a\":}")), "invalid-json"),
                Arguments.of("JSON not an object", publish("x", ascii("[1,2]")), "not-an-object"),
                Arguments.of("event one byte over the limit", publish("x", jsonOfSize(MAX_EVENT_BYTES + 1)), "event-too-large"),
                Arguments.of("event member naming another event", publish("x", ascii("{\"event\":\"y\"}")),
                        "event-name-mismatch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestGetsItsErrorReplyAndCloseWithinOneSecond(String name, byte[] request, String errorId) throws Exception {
        try (RawClient client = RawClient.connect()) {
            long start = System.nanoTime();
            client.send(request);
            String reply = client.readLine(ONE_SECOND);
            assertTrue(reply.startsWith("-ERR " + errorId + ": ") && reply.endsWith("\n"), name + ": " + reply);
            assertTrue(client.closedWithin(ONE_SECOND), name + ": not closed");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1500)) < 0, name);
        }
        assertCanaryStillReceives();
    }

    @Test
    void hundredMegabytesWithoutLineFeedGetLineTooLongWithinOneSecond() throws Exception {
        try (Socket socket = new Socket(TestServer.HOST, TestServer.PORT)) {
            Thread writer = new Thread(() -> flood(socket, 100 * 1024 * 1024), "flood");
            writer.setDaemon(true);
            long start = System.nanoTime();
            writer.start();
            socket.setSoTimeout((int) ONE_SECOND.toMillis());
            byte[] reply = socket.getInputStream().readNBytes(ascii("-ERR line-too-long").length);
            assertEquals("-ERR line-too-long", new String(reply, StandardCharsets.US_ASCII));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(ONE_SECOND) < 0);
            writer.join(5000);
            assertTrue(!writer.isAlive(), "the server stopped taking the flood");
        }
        assertCanaryStillReceives();
    }

    /** Refused input shows in the server's default log (at most a line per 10 s, with a count). */
    @Test
    void refusedInputIsLoggedAtTheDefaultLevel() throws Exception {
        try (RawClient client = RawClient.connect()) {
            assertTrue(client.readReplyLine("hello/x:|\n").startsWith("-ERR unknown-verb"));
        }
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("it.server.dir",
                "target/liberty/wlp/usr/servers/eventlite-it"), "logs", "messages.log");
        assertTrue(Waits.until(Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> java.nio.file.Files.readString(log).contains("EventLite refused malformed input from /127.0.0.1"),
                found -> found), "no line about refused input in " + log);
    }

    /** The limit holds for the event as delivered, so a client with the same limit reads it. */
    @Test
    void eventOfExactlyTheLimitAsDeliveredPasses() throws Exception {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("bad.exact", TestServer.ANONYMOUS));
            String head = "{\"event\":\"bad.exact\",\"d\":\"";
            String exact = head + "x".repeat(MAX_EVENT_BYTES - head.length() - 2) + "\"}";
            publisher.send(publish("bad.exact", ascii(exact)));
            assertEquals("ok", publisher.readReply());
            assertEquals(exact, subscriber.readEventJson());

            publisher.send(publish("bad.exact", jsonOfSize(MAX_EVENT_BYTES)));
            assertEquals("-ERR event-too-large: the event is larger than the limit\n", publisher.readLine(ONE_SECOND),
                    "as sent it fits, but not with the \"event\" member the server adds");
        }
    }

    private static void flood(Socket socket, long bytes) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        try {
            OutputStream out = socket.getOutputStream();
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException expected) {
            // the server closed the connection after its reply
        }
    }

    private static void assertCanaryStillReceives() throws IOException {
        int seq = canarySeq.incrementAndGet();
        assertEquals("ok", canaryPublisher.publish("bad.canary", TestServer.ANONYMOUS, "{\"seq\":" + seq + "}"));
        assertEquals("{\"event\":\"bad.canary\",\"seq\":" + seq + "}", canarySubscriber.readEventJson());
    }

    private static byte[] publish(String event, byte[] json) {
        return (("publish/" + event + ":|\n\n") + Base64.getEncoder().encodeToString(json) + "\n\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON object of exactly {@code size} bytes. */
    private static byte[] jsonOfSize(int size) {
        String head = "{\"d\":\"";
        String tail = "\"}";
        return ascii(head + "x".repeat(size - head.length() - tail.length()) + tail);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
