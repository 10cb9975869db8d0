package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eventlite.connector.api.ClientLimits;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One connection's life on a real listener over loopback sockets: frames larger than the
 * socket takes at once arrive whole and in order (partial writes), input over the limits is
 * answered and closed, the request deadlines fire, and the close comes after the final reply
 * with nothing the client sent after the bad line executed.
 */
class ConnectionLifecycleTest {

    private static final int WAIT_MILLIS = 10_000;
    private static final int MAX_LINE = 256;
    private static final int MAX_EVENT = 2048;

    private static final ListenerSettings SETTINGS = new ListenerSettings(new DecoderLimits(MAX_LINE, MAX_EVENT, 64),
            Duration.ofMillis(50), 1, 100, 64L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofMillis(300), 16,
            Optional.empty(), new ClientLimits(32L * 1024 * 1024, Duration.ofSeconds(10), 1L << 30, 1L << 30,
                    Duration.ofMillis(500), 100), Duration.ofMillis(50));

    /** Answers ok to every request and keeps each request and the connection it came on. */
    private static final class Recording extends TestContainer.RecordingHandler {
        final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();

        Recording() {
            super(SETTINGS);
        }

        @Override
        public void onRequest(Connection connection, Request request) {
            requests.add(request);
            connections.add(connection);
            connection.send(Frame.OK);
        }
    }

    private Recording handler;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        handler = new Recording();
        listener = TestContainer.start(handler);
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(handler.address.getAddress(), handler.address.getPort());
        socket.setSoTimeout(WAIT_MILLIS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    private static String readLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed after '" + line + "'");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private CloseReason closeReason() throws InterruptedException {
        CloseReason reason = handler.closed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(reason != null, "the connection was not reported closed");
        return reason;
    }

    @Test
    void framesLargerThanTheSocketTakesAtOnceArriveWholeAndInOrder() throws Exception {
        try (Socket subscriber = new Socket()) {
            subscriber.setReceiveBufferSize(4096);   // the server's writes are cut short again and again
            subscriber.connect(handler.address);
            subscriber.setSoTimeout(WAIT_MILLIS);
            send(subscriber, "subscribe/big:|\n");
            assertEquals("ok", new String(subscriber.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));
            Connection connection = handler.connections.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            int frames = 3000;   // about 6 MB: more than the two sockets' buffers hold, so writes are partial
            String padding = "p".repeat(1500);
            for (int i = 0; i < frames; i++) {
                String json = "{\"event\":\"big\",\"seq\":" + i + ",\"pad\":\"" + padding + "\"}";
                assertTrue(connection.send(Frame.of(EventJson.of("big", json.getBytes(StandardCharsets.US_ASCII)))));
            }
            for (int i = 0; i < frames; i++) {
                String frame = readLine(subscriber);
                assertEquals("", readLine(subscriber), "frame " + i + " ends with a blank line");
                String json = new String(Base64.getDecoder().decode(frame), StandardCharsets.US_ASCII);
                assertEquals("{\"event\":\"big\",\"seq\":" + i + ",\"pad\":\"" + padding + "\"}", json);
            }
            assertEquals(0, subscriber.getInputStream().available());
        }
    }

    @Test
    void aLineOverTheLimitIsAnsweredAndClosedAndWhatFollowsIsNotExecuted() throws Exception {
        try (Socket client = connect()) {
            send(client, "subscribe/" + "x".repeat(MAX_LINE) + ":|\nsubscribe/after:|\n");
            assertTrue(readLine(client).startsWith("-ERR line-too-long: "));
            assertEquals(-1, client.getInputStream().read(), "closed after the reply");
            CloseReason reason = closeReason();
            assertEquals(CloseReason.Kind.ERROR_REPLY, reason.kind());
            assertEquals("line-too-long", reason.detail());
            assertEquals(null, handler.requests.poll(200, TimeUnit.MILLISECONDS), "nothing after the bad line ran");
        }
    }

    @Test
    void anEventOverTheLimitIsRefusedAsDeliveredSize() throws Exception {
        try (Socket client = connect()) {
            String body = Base64.getEncoder().encodeToString(
                    ("{\"d\":\"" + "y".repeat(MAX_EVENT) + "\"}").getBytes(StandardCharsets.US_ASCII));
            send(client, "publish/e:|\n\n" + body + "\n\n");
            assertTrue(readLine(client).startsWith("-ERR event-too-large: "));
            assertEquals(-1, client.getInputStream().read());
            assertEquals("event-too-large", closeReason().detail());
        }
    }

    @Test
    void theReplyArrivesBeforeTheCloseWhileTheClientStillSends() throws Exception {
        try (Socket client = connect()) {
            OutputStream out = client.getOutputStream();
            out.write(("unknown/verb:|\n").getBytes(StandardCharsets.US_ASCII));
            byte[] more = new byte[64 * 1024];
            java.util.Arrays.fill(more, (byte) 'z');
            try {
                for (int i = 0; i < 16; i++) {
                    out.write(more);   // still sending when the server closes: its reply must not be lost to a reset
                }
            } catch (IOException closedMeanwhile) {
                // the server drained for its linger time, then closed
            }
            assertTrue(readLine(client).startsWith("-ERR unknown-verb: "));
        }
    }

    @Test
    void aBegunRequestThatStopsMeetsTheRequestTimeout() throws Exception {
        try (Socket client = connect()) {
            send(client, "subscribe/a:|\n");
            assertEquals("ok", new String(client.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            send(client, "publish/a:|\n\n");   // a body that never comes
            assertTrue(readLine(client).startsWith("-ERR request-timeout: "));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 250, "answered after " + waited + " ms, before the 300 ms timeout");
            assertEquals("request-timeout", closeReason().detail());
        }
    }

    @Test
    void aSilentNewConnectionMeetsTheFirstRequestTimeout() throws Exception {
        try (Socket client = connect()) {
            assertTrue(readLine(client).startsWith("-ERR idle-timeout: "));
            assertEquals(-1, client.getInputStream().read());
            assertEquals("idle-timeout", closeReason().detail());
        }
    }

    @Test
    void aClientThatClosesIsReportedAsSuch() throws Exception {
        try (Socket client = connect()) {
            send(client, "subscribe/a:|\n");
            assertEquals("ok", new String(client.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));
        }
        assertEquals(CloseReason.Kind.PEER_CLOSED, closeReason().kind());
    }
}
