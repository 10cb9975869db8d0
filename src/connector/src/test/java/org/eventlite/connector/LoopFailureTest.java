package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.ConnectionHandler;
import org.eventlite.connector.api.EventLiteListener;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.Credentials;
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
    private static final class ExplodingHandler implements ConnectionHandler {
        final CountDownLatch listening = new CountDownLatch(1);
        volatile InetSocketAddress address;

        @Override
        public ListenerSettings settings() {
            return ListenerSettings.DEFAULTS;
        }

        @Override
        public void onRequest(Connection connection, Request request) {
            if (request instanceof SubscribeRequest subscribe && subscribe.event().equals("explode")) {
                throw new OutOfMemoryError("thrown by the test");
            }
            connection.send(Frame.OK);
        }

        @Override
        public boolean admitPublish(Connection connection, String event, Credentials credentials) {
            return true;
        }

        @Override
        public void onClosed(Connection connection, String reason) {
        }

        @Override
        public void onListening(InetSocketAddress bound) {
            address = bound;
            listening.countDown();
        }

        @Override
        public void onListenFailed(String reason) {
        }

        @Override
        public void onStopped() {
        }
    }

    @Test
    void anErrorWhileServingOneConnectionClosesItAndTheLoopGoesOn() throws Exception {
        ExplodingHandler handler = new ExplodingHandler();
        Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                endpointFactory(handler), new ThreadPerWork());
        listener.start();
        try {
            assertTrue(handler.listening.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "not listening");
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

    /** One endpoint that hands out the handler, as the bridge MDB does. */
    private static MessageEndpointFactory endpointFactory(ConnectionHandler handler) {
        Object endpoint = Proxy.newProxyInstance(LoopFailureTest.class.getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, EventLiteListener.class},
                (proxy, method, args) -> method.getName().equals("open") ? handler : null);
        return (MessageEndpointFactory) Proxy.newProxyInstance(LoopFailureTest.class.getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class},
                (proxy, method, args) -> method.getName().startsWith("createEndpoint") ? endpoint : null);
    }

    /** The WorkManager reduced to what the listener uses: each Work on a thread of its own. */
    private static final class ThreadPerWork implements WorkManager {
        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
            work.run();
        }

        @Override
        public long startWork(Work work) {
            scheduleWork(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
            scheduleWork(work);
            return 0;
        }

        @Override
        public void scheduleWork(Work work) {
            Thread thread = new Thread(work, "test-work");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
            scheduleWork(work);
        }
    }
}
