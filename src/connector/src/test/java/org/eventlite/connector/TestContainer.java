package org.eventlite.connector;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.ConnectionHandler;
import org.eventlite.connector.api.EventLiteListener;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.Credentials;

/** The container reduced to what a {@link Listener} uses, for tests on real sockets. */
final class TestContainer {

    private TestContainer() {
    }

    /** A handler that admits every publish and records where it listens and why connections closed. */
    abstract static class RecordingHandler implements ConnectionHandler {
        final CountDownLatch listening = new CountDownLatch(1);
        final BlockingQueue<CloseReason> closed = new LinkedBlockingQueue<>();
        private final ListenerSettings settings;
        volatile InetSocketAddress address;

        RecordingHandler(ListenerSettings settings) {
            this.settings = settings;
        }

        @Override
        public ListenerSettings settings() {
            return settings;
        }

        @Override
        public boolean admitPublish(Connection connection, String event, Credentials credentials) {
            return true;
        }

        @Override
        public void onClosed(Connection connection, CloseReason reason) {
            closed.add(reason);
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

    /** A listener on a free loopback port, listening when this returns. */
    static Listener start(RecordingHandler handler) throws Exception {
        Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                endpointFactory(handler), new ThreadPerWork(), new BrokerLink());
        listener.start();
        if (!handler.listening.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the listener did not start");
        }
        return listener;
    }

    /** One endpoint that hands out the handler, as the bridge MDB does. */
    static MessageEndpointFactory endpointFactory(ConnectionHandler handler) {
        return endpointFactory(() -> handler);
    }

    /** One endpoint whose {@code open} is {@code open}: what the bridge MDB does, or fails to do. */
    static MessageEndpointFactory endpointFactory(Supplier<ConnectionHandler> open) {
        Object endpoint = Proxy.newProxyInstance(TestContainer.class.getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, EventLiteListener.class},
                (proxy, method, args) -> method.getName().equals("open") ? open.get() : null);
        return (MessageEndpointFactory) Proxy.newProxyInstance(TestContainer.class.getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class},
                (proxy, method, args) -> method.getName().startsWith("createEndpoint") ? endpoint : null);
    }

    /** The WorkManager reduced to what the listener uses: each Work on a thread of its own. */
    static final class ThreadPerWork implements WorkManager {
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
