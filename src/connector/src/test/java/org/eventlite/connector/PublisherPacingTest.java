package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eventlite.connector.api.ClientLimits;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.Request;
import org.eventlite.protocol.SubscribeRequest;
import org.eventlite.protocol.UnsubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A publisher held back reads nothing more, over a real listener: what it sends meanwhile waits
 * in the socket, a request it had half sent is not timed out, and after the resume, given from
 * another thread, every request is executed in order.
 */
class PublisherPacingTest {

    private static final int WAIT_MILLIS = 10_000;
    /** Twice the request timeout: long enough for a running request timer to have fired. */
    private static final int QUIET_MILLIS = 600;

    private static final ListenerSettings SETTINGS = new ListenerSettings(new DecoderLimits(256, 2048, 64),
            Duration.ofMillis(50), 1, 100, 64L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofMillis(300), 16,
            Optional.empty(), new ClientLimits(32L * 1024 * 1024, Duration.ofSeconds(10), 1L << 30, 1L << 30,
                    Duration.ofSeconds(5), 100), Duration.ofMillis(50));

    /** Answers ok to every request; holds its publisher back after the first one. */
    private static final class PausingHandler extends TestContainer.RecordingHandler {
        final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        volatile Connection first;

        PausingHandler() {
            super(SETTINGS);
        }

        @Override
        public void onRequest(Connection connection, Request request) {
            connection.send(Frame.OK);
            if (first == null) {
                first = connection;
                connection.pacing().pause();
            }
            requests.add(request); // last: a test that has seen the request sees the pause too
        }
    }

    private PausingHandler handler;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        handler = new PausingHandler();
        listener = TestContainer.start(handler);
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The replies to {@code count} requests: a bare {@code ok} each. */
    private static String replies(Socket socket, int count) throws IOException {
        return new String(socket.getInputStream().readNBytes(2 * count), StandardCharsets.US_ASCII);
    }

    private String nextEvent() throws InterruptedException {
        Request request = handler.requests.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (request instanceof SubscribeRequest subscribe) {
            return "subscribe " + subscribe.event();
        }
        return request instanceof UnsubscribeRequest unsubscribe ? "unsubscribe " + unsubscribe.event() : String.valueOf(request);
    }

    @Test
    void aHeldBackPublisherReadsNothingUntilResumedThenEverythingInOrder() throws Exception {
        try (Socket client = new Socket(handler.address.getAddress(), handler.address.getPort())) {
            client.setSoTimeout(WAIT_MILLIS);
            // The first request pauses reading; the half request after it was read with it.
            send(client, "subscribe/one:|\nunsubscribe/o");
            assertEquals("subscribe one", nextEvent());
            assertEquals("ok", replies(client, 1));
            send(client, "ne:|\nsubscribe/two:|\nsubscribe/three:|\n");
            assertNull(handler.requests.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS), "a request was read while held back");
            assertNull(handler.closed.poll(0, TimeUnit.MILLISECONDS), "the half request was timed out while held back");

            Thread resumer = new Thread(() -> handler.first.pacing().resume());
            resumer.start();
            resumer.join(WAIT_MILLIS);
            assertEquals("unsubscribe one", nextEvent());
            assertEquals("subscribe two", nextEvent());
            assertEquals("subscribe three", nextEvent());
            assertEquals("okokok", replies(client, 3));
        }
    }

    @Test
    void aResumeBeforeAnyPauseChangesNothing() throws Exception {
        try (Socket client = new Socket(handler.address.getAddress(), handler.address.getPort())) {
            client.setSoTimeout(WAIT_MILLIS);
            send(client, "subscribe/one:|\n");
            assertEquals("subscribe one", nextEvent());
            handler.first.pacing().resume();
            handler.first.pacing().resume();
            send(client, "subscribe/two:|\n");
            assertEquals("subscribe two", nextEvent());
        }
    }
}
