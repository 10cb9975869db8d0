package org.eventlite.connector;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.connector.api.ConnectionHandler;
import org.eventlite.connector.api.EventLiteListener;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.connector.api.ListenerStatus;
import org.eventlite.connector.api.TlsSettings;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.MemoryBudget;

/**
 * One endpoint activation: asks the application for its handler, binds the
 * port, accepts connections and spreads them over the I/O loops. All of it
 * runs as Work on the WorkManager: a short one that opens and binds, then one
 * long-lived Work per I/O loop, the first of which also accepts. {@link #stop()}
 * closes the listening sockets first, then the loops with their connections.
 */
final class Listener implements ListenerStatus {

    private static final Logger LOG = Logger.getLogger(Listener.class.getName());

    /** How long activation waits for the application to accept its first endpoint call. */
    private static final long OPEN_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long OPEN_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long STOP_WAIT_SECONDS = 10;

    private final InetSocketAddress address;
    private final MessageEndpointFactory endpointFactory;
    private final WorkManager workManager;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final ListenerTotals totals = new ListenerTotals();
    /** Written by the start Work, read by health checks. */
    private final List<IoLoop> loops = new CopyOnWriteArrayList<>();
    private final AtomicInteger failedLoops = new AtomicInteger();
    /** Open connections per remote address; an address leaves the map with its last connection. */
    private final ConcurrentHashMap<java.net.InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    /** Set with the handler's settings, before the first connection. */
    private volatile MemoryBudget requestBodies;
    private volatile MemoryBudget outbound;

    private volatile boolean stopping;
    private volatile ListenerSettings settings;
    /** The accepting loop's thread only: the loop to try for the next connection. */
    private int nextLoop;
    private volatile ConnectionHandler handler;
    private final BrokerLink brokerLink;
    private volatile ServerSocketChannel server;
    private volatile InetSocketAddress bound;
    private volatile ServerSocketChannel tlsServer;
    private volatile InetSocketAddress tlsBound;

    Listener(InetSocketAddress address, MessageEndpointFactory endpointFactory, WorkManager workManager,
            BrokerLink brokerLink) {
        this.address = address;
        this.endpointFactory = endpointFactory;
        this.workManager = workManager;
        this.brokerLink = brokerLink;
    }

    /** Called in endpointActivation; the rest happens on a Work so activation does not wait on the application. */
    void start() throws WorkException {
        workManager.scheduleWork(new StartWork(), WorkManager.INDEFINITE, null, null);
    }

    private final class StartWork implements Work {
        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            String poolName = thread.getName();
            thread.setName("eventlite-start-" + address.getPort());
            try {
                handler = openHandler();
                if (handler != null) {
                    totals.countInto(handler.counters());
                    if (handler.inServerBroker() != null) {
                        brokerLink.attach(handler.inServerBroker());
                    }
                    bindAndServe(handler);
                }
            } catch (RuntimeException | UnavailableException e) {
                if (stopping) {
                    // The application stopped while it was being reached, as when a configuration change
                    // restarts it twice in a row: its next activation opens the listener.
                    LOG.log(Level.INFO, () -> "EventLite: the application stopped while the listener on " + address
                            + " was opening (" + e + "); it opens with the application's next start");
                } else {
                    LOG.log(Level.SEVERE, e, () -> "EventLite could not reach its application; the listener on "
                            + address + " stays closed");
                }
            } finally {
                thread.setName(poolName);
            }
        }

        @Override
        public void release() {
            stopping = true;
        }
    }

    /** The application may still be starting when activation begins: retry until it answers. */
    private ConnectionHandler openHandler() throws UnavailableException {
        long deadline = System.nanoTime() + OPEN_DEADLINE_NANOS;
        while (!stopping) {
            try {
                MessageEndpoint endpoint = endpointFactory.createEndpoint(null);
                try {
                    return ((EventLiteListener) endpoint).open(address, this);
                } finally {
                    endpoint.release();
                }
            } catch (UnavailableException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(OPEN_RETRY_NANOS);
            }
        }
        return null;
    }

    private void bindAndServe(ConnectionHandler handler) {
        ListenerSettings settings = handler.settings();
        this.settings = settings;
        Optional<TlsSettings> tls = settings.tls();
        requestBodies = new MemoryBudget("the request body budget",
                settings.clientLimits().requestBodyBudgetBytes());
        outbound = new MemoryBudget("the outbound budget", settings.clientLimits().outboundBudgetBytes());
        try {
            for (int i = 0; i < settings.ioThreads(); i++) {
                IoLoop loop = new IoLoop("io-" + address.getPort() + "-" + i, this, totals);
                loops.add(loop);
                workManager.scheduleWork(loop, WorkManager.INDEFINITE, null, null);
            }
            server = bind(address);
            bound = (InetSocketAddress) server.getLocalAddress();
            if (tls.isPresent()) {
                tlsServer = bind(new InetSocketAddress(address.getAddress(), tls.get().port()));
                tlsBound = (InetSocketAddress) tlsServer.getLocalAddress();
            }
        } catch (IOException | WorkException e) {
            String reason = "cannot listen on " + address
                    + tls.map(t -> " and TLS port " + t.port()).orElse("") + ": " + e.getMessage();
            LOG.log(Level.SEVERE, "EventLite {0}", reason);
            bound = null;
            tlsBound = null;
            closeQuietly(server);
            closeQuietly(tlsServer);
            handler.onListenFailed(reason);
            stopLoops();
            return;
        }
        if (stopping) {
            stop();
            return;
        }
        IoLoop accepting = loops.get(0);
        accepting.serve(new Acceptor(server, false, this));
        if (tlsServer != null) {
            accepting.serve(new Acceptor(tlsServer, true, this));
        }
        LOG.log(Level.INFO, "EventLite listening on {0}{1}", new Object[] {bound,
            tlsBound == null ? "" : " and, with TLS, on " + tlsBound});
        handler.onListening(bound);
    }

    private static ServerSocketChannel bind(InetSocketAddress at) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(at, 1024);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The accepting loop: a failed accept makes readiness DOWN with the reason, until {@link #acceptingAgain}. */
    void acceptFailed(boolean tls, Exception e) {
        if (stopping) {
            return;
        }
        String reason = "accepting on " + (tls ? tlsBound : bound) + " failed: " + e.getMessage() + "; retrying";
        LOG.log(Level.SEVERE, "EventLite {0}", reason);
        handler.onListenFailed(reason);
    }

    void acceptingAgain(boolean tls) {
        LOG.log(Level.INFO, "EventLite accepts connections on {0} again", tls ? tlsBound : bound);
        handler.onListening(bound);
    }

    /** The accepting loop: spreads a new connection over the running loops, or refuses it over a cap. */
    void adopt(SocketChannel socket, boolean tlsPort) {
        ListenerSettings settings = this.settings;
        TlsSettings tls = tlsPort ? settings.tls().orElseThrow() : null;
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) socket.getRemoteAddress();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Dropping a connection that failed on accept: {0}", e.toString());
            closeQuietly(socket);
            return;
        }
        int open = openConnections.incrementAndGet();
        int fromAddress = countFrom(remote);
        try {
            if (open > settings.maxConnections()) {
                refuse(socket, tls != null, ErrorCode.TOO_MANY_CONNECTIONS, remote);
                return;
            }
            if (fromAddress > settings.clientLimits().maxConnectionsPerAddress()) {
                refuse(socket, tls != null, ErrorCode.TOO_MANY_CONNECTIONS_FROM_ADDRESS, remote);
                return;
            }
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            IoLoop loop = runningLoop(nextLoop);
            Transport transport = tls == null ? Transport.plain(socket) : new TlsTransport(socket, tls.newEngine());
            loop.adopt(new SocketConnection(connectionIds.incrementAndGet(), transport, remote, loop, handler,
                    settings, requestBodies, outbound));
            nextLoop = (loops.indexOf(loop) + 1) % loops.size();
        } catch (IOException | RuntimeException e) {
            connectionClosed(remote);
            LOG.log(Level.FINE, "Dropping a connection that failed on accept: {0}", e.toString());
            closeQuietly(socket);
            return;
        }
    }

    /** The loop at {@code from} or the next one still running; fails when none is. */
    private IoLoop runningLoop(int from) throws IOException {
        for (int i = 0; i < loops.size(); i++) {
            IoLoop loop = loops.get((from + i) % loops.size());
            if (loop.running()) {
                return loop;
            }
        }
        throw new IOException("no I/O loop is running");
    }

    /** Counts a new connection from {@code remote}; @return how many are open from its address now */
    private int countFrom(InetSocketAddress remote) {
        return perAddress.computeIfAbsent(remote.getAddress(), a -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Over a connection cap: one best-effort error reply from this thread, then close.
     * A TLS client gets no reply: it could not read one before a handshake, which is work
     * the cap is there to refuse.
     */
    private void refuse(SocketChannel socket, boolean tls, ErrorCode why, InetSocketAddress remote) {
        connectionRefused();
        try {
            socket.configureBlocking(false);
            if (!tls) {
                socket.write(java.nio.ByteBuffer.wrap(why.reply()));
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Refusing a connection failed: {0}", e.getMessage());
        } finally {
            connectionClosed(remote);
            closeQuietly(socket);
        }
    }

    /** A connection counted by {@link #adopt} has ended. */
    void connectionClosed(InetSocketAddress remote) {
        openConnections.decrementAndGet();
        perAddress.computeIfPresent(remote.getAddress(), (address, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** A loop ended while it should have gone on: it gets no more connections, and liveness says so. */
    void loopFailed(IoLoop loop) {
        failedLoops.incrementAndGet();
        LOG.log(Level.SEVERE, "An EventLite I/O loop has ended; {0} of {1} still serve connections",
                new Object[] {loops.stream().filter(IoLoop::running).count(), loops.size()});
    }

    void connectionRefused() {
        refusedConnections.incrementAndGet();
    }

    /** Closes the listening socket first, then every loop and its connections, and waits for them. */
    void stop() {
        stopping = true;
        ConnectionHandler opened = handler;
        if (opened != null && opened.inServerBroker() != null) {
            brokerLink.detach(opened.inServerBroker());
        }
        bound = null;
        tlsBound = null;
        closeListeningSockets();
        stopLoops();
        ConnectionHandler current = handler;
        if (current != null) {
            current.onStopped();
        }
        LOG.log(Level.INFO, "EventLite stopped listening on {0}", address);
    }

    /**
     * The accepting loop closes the listening sockets, so that the kernel closes them before any
     * connection is: a client that sees its connection end and reconnects at once is refused rather
     * than queued on a socket about to be reset (seen once in RedeployIT on a busy machine). Closing
     * here as well covers a loop that has ended, or never got the sockets.
     */
    private void closeListeningSockets() {
        if (!loops.isEmpty()) {
            try {
                if (!loops.get(0).closeAcceptors(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "The EventLite I/O loop that accepts did not close the listening sockets"
                            + " within {0} s", STOP_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(server);
        closeQuietly(tlsServer);
    }

    private void stopLoops() {
        loops.forEach(IoLoop::stop);
        for (IoLoop loop : loops) {
            try {
                if (!loop.awaitFinished(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "An EventLite I/O loop did not stop within {0} s", STOP_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Null-safe: a socket not yet opened needs no closing. */
    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Close failed: {0}", e.getMessage());
        }
    }

    @Override
    public Optional<InetSocketAddress> boundAddress() {
        return Optional.ofNullable(bound);
    }

    @Override
    public Optional<InetSocketAddress> tlsBoundAddress() {
        return Optional.ofNullable(tlsBound);
    }

    @Override
    public int openConnections() {
        return Math.max(0, openConnections.get());
    }

    @Override
    public long slowConsumerDisconnects() {
        return totals.slowConsumers();
    }

    @Override
    public long bytesRead() {
        return totals.bytesRead();
    }

    @Override
    public long bytesWritten() {
        return totals.bytesWritten();
    }

    @Override
    public long decodeErrors() {
        return totals.decodeErrors();
    }

    @Override
    public long refusedConnections() {
        return refusedConnections.get();
    }

    @Override
    public int failedLoops() {
        return stopping ? 0 : failedLoops.get();
    }

    @Override
    public long requestBodyBytes() {
        MemoryBudget budget = requestBodies;
        return budget == null ? 0 : budget.used();
    }

    @Override
    public long outboundBytes() {
        MemoryBudget budget = outbound;
        return budget == null ? 0 : budget.used();
    }

    @Override
    public Duration longestLoopSilence() {
        long now = System.nanoTime();
        long longest = 0;
        for (IoLoop loop : loops) {
            longest = Math.max(longest, now - loop.lastRoundNanos());
        }
        return Duration.ofNanos(longest);
    }
}
