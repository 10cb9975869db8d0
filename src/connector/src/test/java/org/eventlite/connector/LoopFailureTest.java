package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.Request;
import org.eventlite.protocol.SubscribeRequest;
import org.junit.jupiter.api.Test;

/**
 * Whatever fails while a loop serves one connection, even an Error such as running out of
 * memory, costs that connection only: the loop goes on serving the others. Real sockets on
 * loopback; the container is reduced to a thread per Work and one endpoint.
 */
class LoopFailureTest {

    private static final int WAIT_MILLIS = 10_000;

    /** Answers ok to every subscribe, except to the event "explode", where it throws an Error. */
    private static final class ExplodingHandler extends TestContainer.RecordingHandler {
        ExplodingHandler() {
            super(ListenerSettings.DEFAULTS);
        }

        @Override
        public void onRequest(Connection connection, Request request) {
            if (request instanceof SubscribeRequest subscribe && subscribe.event().equals("explode")) {
                throw new OutOfMemoryError("thrown by the test");
            }
            connection.send(Frame.OK);
        }
    }

    @Test
    void anErrorWhileServingOneConnectionClosesItAndTheLoopGoesOn() throws Exception {
        ExplodingHandler handler = new ExplodingHandler();
        Listener listener = TestContainer.start(handler);
        try {
            try (Socket bystander = connect(handler.address); Socket victim = connect(handler.address)) {
                assertEquals("ok", request(bystander, "subscribe/calm:|\n", 2));
                victim.getOutputStream().write("subscribe/explode:|\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, victim.getInputStream().read(), "the failing connection is closed");
                assertEquals("ok", request(bystander, "subscribe/still-calm:|\n", 2), "the loop still serves");
                try (Socket newcomer = connect(handler.address)) {
                    assertEquals("ok", request(newcomer, "subscribe/calm:|\n", 2));
                }
            }
            assertEquals(0, listener.failedLoops());
        } finally {
            listener.stop();
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(WAIT_MILLIS);
        return socket;
    }

    private static String request(Socket socket, String line, int replyBytes) throws IOException {
        socket.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(replyBytes), StandardCharsets.US_ASCII);
    }
}
