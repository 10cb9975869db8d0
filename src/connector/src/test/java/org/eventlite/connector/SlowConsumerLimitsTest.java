package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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
import org.junit.jupiter.api.Test;

/**
 * Redis's model on real sockets: a subscriber may stay above the soft limit for the soft
 * time only, while one that reads steadily rides out a burst far above it. Small limits
 * (soft 64 KiB for 1 s, hard 64 MiB, write timeout 30 s) so that only the soft limit acts.
 */
class SlowConsumerLimitsTest {

    private static final int WAIT_MILLIS = 10_000;
    private static final Frame FRAME;

    static {
        try {
            FRAME = Frame.of(EventJson.of("s", ("{\"event\":\"s\",\"d\":\"" + "x".repeat(4000) + "\"}")
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (org.eventlite.protocol.ProtocolException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ListenerSettings SETTINGS = new ListenerSettings(DecoderLimits.DEFAULTS, Duration.ofMillis(50), 1,
            100, 64L * 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(10), 16, Optional.empty(),
            new ClientLimits(64 * 1024, Duration.ofSeconds(1), 1L << 30, 1L << 30, Duration.ofSeconds(10), 100),
            Duration.ofMillis(50));

    /** Hands out each subscriber's connection. */
    private static final class Subscribers extends TestContainer.RecordingHandler {
        final BlockingQueue<Connection> subscribed = new LinkedBlockingQueue<>();

        Subscribers() {
            super(SETTINGS);
        }

        @Override
        public void onRequest(Connection connection, Request request) {
            connection.send(Frame.OK);
            subscribed.add(connection);
        }
    }

    private static Listener start(Subscribers handler) throws Exception {
        return TestContainer.start(handler);
    }

    private static Socket subscribe(Subscribers handler, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(handler.address);
        socket.setSoTimeout(WAIT_MILLIS);
        socket.getOutputStream().write("subscribe/s:|\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ok", new String(socket.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));
        return socket;
    }

    @Test
    void aSubscriberThatStaysAboveTheSoftLimitIsDroppedAfterTheSoftTime() throws Exception {
        Subscribers handler = new Subscribers();
        Listener listener = start(handler);
        try (Socket lagging = subscribe(handler, 4096)) {
            Connection connection = handler.subscribed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            // 2 MiB at once (over the soft limit, far under the hard one), then a frame every 20 ms;
            // the client reads nothing, so the queue stays above the soft limit.
            for (int i = 0; i < 512 && connection.isOpen(); i++) {
                connection.send(FRAME);
            }
            while (connection.isOpen() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8)) {
                connection.send(FRAME);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            CloseReason reason = handler.closed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(reason != null && reason.kind() == CloseReason.Kind.SLOW_CONSUMER
                    && reason.detail().contains("soft-pending-bytes"), String.valueOf(reason));
            assertTrue(tookMillis >= 990 && tookMillis < 5000, "dropped after " + tookMillis + " ms");
            assertEquals(1, listener.slowConsumerDisconnects());
        } finally {
            listener.stop();
        }
    }

    private static long readAll(Socket socket, long expected) {
        try {
            InputStream in = socket.getInputStream();
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            while (read < expected) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new SocketException("closed after " + read + " of " + expected + " bytes");
                }
                read += n;
            }
            return read;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSteadyReaderRidesOutABurstFarAboveTheSoftLimit() throws Exception {
        Subscribers handler = new Subscribers();
        Listener listener = start(handler);
        int frames = 2048; // 8 MiB in one burst, 128 times the soft limit
        try (Socket reader = subscribe(handler, 64 * 1024)) {
            Connection connection = handler.subscribed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            long expected = (long) frames * FRAME.length();
            CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> readAll(reader, expected));
            for (int i = 0; i < frames; i++) {
                assertTrue(connection.send(FRAME), "frame " + i + " refused");
            }
            assertEquals(expected, received.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
            assertTrue(connection.isOpen());
            assertEquals(0, listener.slowConsumerDisconnects());
        } finally {
            listener.stop();
        }
    }

    /** One frame queued on many connections is one array: the outbound budget counts it once. */
    @Test
    void aFrameQueuedForManySubscribersCountsOnceAndIsGivenBackWhenTheyGo() throws Exception {
        Subscribers handler = new Subscribers();
        Listener listener = start(handler);
        int subscribers = 10;
        int frames = 2000; // about 8 MB per subscriber: more than the kernel buffers of a socket that is not read
        List<Socket> sockets = new ArrayList<>();
        try {
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                sockets.add(subscribe(handler, 4096));
                connections.add(handler.subscribed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
            }
            List<Frame> sent = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                Frame frame = Frame.of(EventJson.of("s", ("{\"event\":\"s\",\"f\":" + f + ",\"d\":\"" + "x".repeat(4000) + "\"}")
                        .getBytes(StandardCharsets.US_ASCII)));
                sent.add(frame);
                for (Connection connection : connections) {
                    assertTrue(connection.send(frame));
                }
            }
            long distinct = sent.stream().mapToLong(Frame::length).sum();
            long counted = listener.outboundBytes();
            assertTrue(counted > 0 && counted <= distinct, counted + " bytes counted for " + distinct + " bytes of frames");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.outboundBytes() != 0 && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        try {
            assertEquals(0, listener.outboundBytes(), "closed connections give their frames back");
        } finally {
            listener.stop();
        }
    }
}
