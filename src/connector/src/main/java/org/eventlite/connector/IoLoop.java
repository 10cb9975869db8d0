package org.eventlite.connector;

import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.connector.api.CloseReason;

/**
 * One non-blocking network loop, run as a long-lived {@link Work} on the
 * WorkManager. It owns a selector and the connections registered with it:
 * every read, decode, handler call and write of those connections happens on
 * this thread, so per-connection state needs no locks. Other threads reach it
 * only through its queues and a coalesced selector wake-up. The first loop
 * also accepts the listener's connections ({@link Acceptor}).
 */
final class IoLoop implements Work {

    private static final Logger LOG = Logger.getLogger(IoLoop.class.getName());

    /** The loop wakes at least this often, so liveness can tell a stuck loop from an idle one. */
    private static final long MAX_SELECT_MILLIS = 1000;
    /** Reads per connection per round, so one busy connection cannot starve the others. */
    private static final int MAX_READS_PER_ROUND = 16;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** What one write call of a connection takes at most: waiting frames are copied here, then written. */
    private static final int STAGING_BUFFER_BYTES = 256 * 1024;
    /** How long a closing connection may drain unread input before it is closed anyway. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final String name;
    private final Selector selector;
    private final Listener listener;
    /** The listener's running totals, which this loop's connections count into directly. */
    final ListenerTotals totals;
    private final ConcurrentLinkedQueue<SocketConnection> arrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Acceptor> newAcceptors = new ConcurrentLinkedQueue<>();
    /** Loop thread only: the listening sockets this loop accepts from. */
    private final List<Acceptor> acceptors = new ArrayList<>();
    private volatile boolean closeAcceptors;
    /** Counted down once this loop has closed its listening sockets, on a stop or when it ends. */
    private final CountDownLatch acceptorsClosed = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<SocketConnection> flushes = new ConcurrentLinkedQueue<>();
    /** Loop thread only: flushes asked for on the loop itself, handled in the same round. */
    private final java.util.ArrayDeque<SocketConnection> localFlushes = new java.util.ArrayDeque<>();
    /** Loop thread only: connections whose transport holds input the selector cannot see. */
    private final java.util.ArrayDeque<SocketConnection> rereads = new java.util.ArrayDeque<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Loop thread only: connections waiting for a deadline. */
    private final DeadlineQueue deadlines = new DeadlineQueue();
    private final Set<SocketConnection> connections = new HashSet<>();

    /** Loop thread only: event write batches since the last latency sample. */
    private int batchesSinceLatencySample;

    /** Loop thread only; direct, so the socket write needs no copy of its own. */
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BUFFER_BYTES);
    /** Loop thread only: what a socket read lands in, then its heap copy, which the decoder indexes. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final byte[] readBytes = new byte[READ_BUFFER_BYTES];
    /**
     * Handed to the selector, which calls it per ready key: unlike the selected-key set, that
     * adds and removes no hash set entry per key and round.
     */
    private final Consumer<SelectionKey> handleReady = this::handleReady;

    private volatile boolean running = true;
    private volatile long lastRoundNanos = System.nanoTime();
    private volatile Thread thread;

    IoLoop(String name, Listener listener, ListenerTotals totals) throws IOException {
        this.name = name;
        this.selector = Selector.open();
        this.listener = listener;
        this.totals = totals;
    }

    long lastRoundNanos() {
        return lastRoundNanos;
    }

    /** Any thread: hands a freshly accepted connection to this loop, or closes it if the loop has ended. */
    void adopt(SocketConnection connection) {
        arrivals.add(connection);
        wakeUp();
        if (finished.getCount() == 0 && arrivals.remove(connection)) {
            connection.closeNow(CloseReason.SERVER_STOPPING);
        }
    }

    /** Any thread: this loop accepts from {@code acceptor}'s socket from its next round on. */
    void serve(Acceptor acceptor) {
        newAcceptors.add(acceptor);
        wakeUp();
    }

    /**
     * Any thread: closes the listening sockets on the loop's thread, which lets the kernel close
     * them at once (a socket registered with a selector closes only when the selector lets it
     * go); @return whether that happened within the timeout
     */
    boolean closeAcceptors(long timeout, TimeUnit unit) throws InterruptedException {
        closeAcceptors = true;
        wakeUp();
        return acceptorsClosed.await(timeout, unit);
    }

    /** Any thread: the connection has bytes to write or is to be closed. */
    void requestFlush(SocketConnection connection) {
        if (isLoopThread()) {
            localFlushes.add(connection);
            return;
        }
        flushes.add(connection);
        wakeUp();
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    private void wakeUp() {
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        String poolName = thread.getName();
        thread.setName("eventlite-" + name);
        try {
            while (running) {
                lastRoundNanos = System.nanoTime();
                if (localFlushes.isEmpty() && rereads.isEmpty()) {
                    selector.select(handleReady, selectTimeoutMillis());
                } else {
                    selector.selectNow(handleReady); // work queued on the loop itself last round
                }
                wakeupPending.set(false);
                registerAcceptors();
                registerArrivals();
                handleRereads();
                handleFlushes();
                handleDeadlines();
            }
        } catch (Throwable e) {
            // Each connection's work is guarded on its own (see failed), so this is the selector itself.
            LOG.log(Level.SEVERE, e, () -> "EventLite I/O loop " + name + " failed; its connections are closed");
        } finally {
            boolean failed = running;
            running = false;
            releaseAcceptors();
            closeAll();
            finished.countDown();
            closeArrivals();
            if (failed) {
                listener.loopFailed(this);
            }
            acceptorsClosed.countDown();
            thread.setName(poolName);
        }
    }

    private long selectTimeoutMillis() {
        if (!flushes.isEmpty() || !arrivals.isEmpty()) {
            return 1;
        }
        long now = System.nanoTime();
        long untilResume = MAX_SELECT_MILLIS;
        for (Acceptor acceptor : acceptors) {
            untilResume = Math.min(untilResume, TimeUnit.NANOSECONDS.toMillis(acceptor.nanosUntilResume(now)) + 1);
        }
        return deadlines.millisUntilNext(now, untilResume);
    }

    private void registerAcceptors() throws IOException {
        if (closeAcceptors) {
            if (acceptorsClosed.getCount() > 0) {
                releaseAcceptors();
                // Lets go of the cancelled keys, so the kernel closes the sockets now; whatever else
                // is ready is served as in any round.
                selector.selectNow(handleReady);
                acceptorsClosed.countDown();
            }
            return;
        }
        Acceptor acceptor;
        while ((acceptor = newAcceptors.poll()) != null) {
            if (acceptor.register(selector)) {
                acceptors.add(acceptor);
            }
        }
    }

    private void releaseAcceptors() {
        Acceptor acceptor;
        while ((acceptor = newAcceptors.poll()) != null) {
            acceptors.add(acceptor);
        }
        acceptors.forEach(Acceptor::close);
        acceptors.clear();
    }

    private void registerArrivals() {
        SocketConnection connection;
        while ((connection = arrivals.poll()) != null) {
            try {
                connection.registered(connection.channel().register(selector, SelectionKey.OP_READ, connection));
                connections.add(connection);
            } catch (IOException e) {
                connection.closeNow(CloseReason.ioFailure("register failed", e));
            }
        }
    }

    private void handleReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() instanceof Acceptor acceptor) {
            try {
                acceptor.acceptReady();
            } catch (Throwable e) {
                LOG.log(Level.SEVERE, e, () -> "EventLite I/O loop " + name + ": accepting failed; it goes on");
            }
            return;
        }
        SocketConnection connection = (SocketConnection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.flush();
            }
            if (key.isValid() && key.isReadable()) {
                connection.readable(readBuffer, readBytes, MAX_READS_PER_ROUND);
            }
        } catch (Throwable e) {
            failed(connection, e);
        }
    }

    /**
     * Whatever one connection's work throws, out of memory included, ends that connection and
     * not the loop: closing it frees what it held, and the others go on.
     */
    private void failed(SocketConnection connection, Throwable e) {
        LOG.log(Level.SEVERE, e, () -> "EventLite closes " + connection + " after a failure while serving it");
        try {
            connection.closeNow(CloseReason.internalError(e));
        } catch (Throwable again) {
            LOG.log(Level.SEVERE, again, () -> "EventLite could not close " + connection);
        }
    }

    /** Loop thread: read {@code connection} again next round, without waiting for the selector. */
    void readAgain(SocketConnection connection) {
        rereads.add(connection);
    }

    private void handleRereads() {
        for (int i = rereads.size(); i > 0; i--) {
            SocketConnection connection = rereads.poll();
            try {
                if (connection.isOpen()) {
                    connection.readable(readBuffer, readBytes, MAX_READS_PER_ROUND);
                }
            } catch (Throwable e) {
                failed(connection, e);
            }
        }
    }

    private void handleFlushes() {
        SocketConnection connection;
        while ((connection = localFlushes.poll()) != null) {
            flush(connection);
        }
        while ((connection = flushes.poll()) != null) {
            flush(connection);
        }
    }

    private void flush(SocketConnection connection) {
        try {
            connection.flush();
        } catch (Throwable e) {
            failed(connection, e);
        }
    }

    private void handleDeadlines() {
        long now = System.nanoTime();
        for (Acceptor acceptor : acceptors) {
            acceptor.resumeIfDue(now);
        }
        deadlines.takeDue(now, connection -> {
            try {
                connection.deadlineReached(now);
            } catch (Throwable e) {
                failed(connection, e);
            }
        });
    }

    /** Loop thread: the buffer a connection stages its next write in; its contents last until the next flush. */
    ByteBuffer stagingBuffer() {
        return staging;
    }

    /** Loop thread: an event write batch is out; whether its latency is to be sampled. */
    boolean latencySampleDue(int every) {
        if (++batchesSinceLatencySample < every) {
            return false;
        }
        batchesSinceLatencySample = 0;
        return true;
    }

    /** Loop thread: call {@link SocketConnection#deadlineReached} at {@code deadlineNanos}. */
    void arm(SocketConnection connection, long deadlineNanos) {
        deadlines.arm(connection, deadlineNanos);
    }

    void disarm(SocketConnection connection) {
        deadlines.disarm(connection);
    }

    /** The connection has closed its socket. */
    void connectionClosed(SocketConnection connection) {
        connections.remove(connection);
        listener.connectionClosed(connection.remoteAddress());
    }

    /** Whether the loop still serves connections: a loop that has ended is handed no more. */
    boolean running() {
        return running && finished.getCount() > 0;
    }

    /** Any thread: ends the loop; {@link #awaitFinished} waits for its connections to be closed. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** Connections handed over after the loop ended; {@link #adopt} closes any that come later still. */
    private void closeArrivals() {
        SocketConnection connection;
        while ((connection = arrivals.poll()) != null) {
            connection.closeNow(CloseReason.SERVER_STOPPING);
        }
    }

    private void closeAll() {
        closeArrivals();
        // No reply is written: a Perl subscriber would try to decode it as an event and die.
        for (SocketConnection connection : new ArrayList<>(connections)) {
            connection.closeNow(CloseReason.SERVER_STOPPING);
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing the selector of {0} failed: {1}", new Object[] {name, e.getMessage()});
        }
    }

    @Override
    public void release() {
        stop();
    }
}
