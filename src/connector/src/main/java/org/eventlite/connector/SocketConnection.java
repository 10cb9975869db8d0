package org.eventlite.connector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.connector.api.ClientLimits;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.ConnectionHandler;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.connector.api.PublisherPacing;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.MemoryBudget;
import org.eventlite.protocol.ProtocolException;
import org.eventlite.protocol.Request;
import org.eventlite.protocol.RequestDecoder;
import org.eventlite.protocol.RequestSink;
import org.eventlite.protocol.SubscribeRequest;

/**
 * One client socket. Reading, decoding and writing happen on the owning
 * {@link IoLoop}'s thread; {@link #send} and {@link #close} may be called from
 * any thread and only queue work for that loop.
 */
final class SocketConnection implements Connection, RequestSink, PublisherPacing {

    private static final Logger LOG = Logger.getLogger(SocketConnection.class.getName());

    private final long id;
    private final Transport transport;
    private final InetSocketAddress remoteAddress;
    private final IoLoop loop;
    private final ConnectionHandler handler;
    private final RequestDecoder decoder;
    private final ListenerSettings settings;
    private final ClientLimits limits;
    private final long maxPendingBytes;
    /** Bytes of the event frames queued on any connection of the listener, each frame counted once. */
    private final MemoryBudget outbound;

    private final OutboundQueue outboundQueue;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** When the oldest event frame not yet written was made; 0 if none is waiting. */
    private final AtomicLong oldestUnwritten = new AtomicLong();
    /** When the pending bytes last rose above the soft limit without falling back since; 0 if below. */
    private final AtomicLong aboveSoftLimitSince = new AtomicLong();

    /** Set once: what to close with after the queued bytes are written. */
    private volatile CloseReason closeReason;
    /** Set once: close at once without writing what is queued. */
    private volatile CloseReason abortReason;
    /** An error reply is queued: nothing the client sent after the failed request is executed. */
    private volatile boolean errorReplied;

    /** Loop thread only: the grace period is completing a line that came without a terminator. */
    private boolean completingBareLine;
    /** Loop thread only. */
    private SelectionKey key;
    private final ConnectionDeadlines deadlines = new ConnectionDeadlines();
    private long armedNanos;
    private int deadlineIndex = -1;
    private boolean inputEnded;
    /** A request completed since the request timer was last looked at: a new one has begun. */
    private boolean requestCompleted;
    /** The last reply is out and the output shut; unread input is drained until the peer closes. */
    private boolean lingering;
    /** Set on the loop thread: requests are not read (see {@link #pause}); read by {@link #resume} too. */
    private volatile boolean readsPaused;
    /** {@link #resume} asked the loop to read again. */
    private volatile boolean resumeRequested;

    SocketConnection(long id, Transport transport, InetSocketAddress remoteAddress, IoLoop loop,
            ConnectionHandler handler, ListenerSettings settings, MemoryBudget requestBodies, MemoryBudget outbound) {
        this.id = id;
        this.transport = transport;
        this.remoteAddress = remoteAddress;
        this.loop = loop;
        this.handler = handler;
        this.settings = settings;
        this.limits = settings.clientLimits();
        this.decoder = new RequestDecoder(settings.decoderLimits(), requestBodies);
        this.maxPendingBytes = settings.maxPendingBytes();
        this.outbound = outbound;
        this.outboundQueue = new OutboundQueue(outbound);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean isOpen() {
        return open.get() && abortReason == null;
    }

    @Override
    public boolean send(Frame frame) {
        if (!isOpen() || closeReason != null) {
            return false;
        }
        long pending = outboundQueue.reserve(frame);
        if (pending > maxPendingBytes) {
            outboundQueue.unreserve(frame);
            abortSlowConsumer("more than " + maxPendingBytes + " bytes pending (eventlite.subscriber.max-pending-bytes)");
            return false;
        }
        if (pending > limits.softPendingBytes() && tooLongAboveSoftLimit()) {
            outboundQueue.unreserve(frame);
            return false;
        }
        boolean onLoopThread = loop.isLoopThread();
        outboundQueue.offer(frame, onLoopThread);
        if (!onLoopThread && !open.get()) {
            outboundQueue.withdraw(frame); // closed meanwhile: its queue was already given back
        }
        long created = frame.createdNanos();
        if (created != 0 && oldestUnwritten.get() == 0) {
            oldestUnwritten.compareAndSet(0, created);
        }
        scheduleFlush();
        return true;
    }

    /**
     * Above the soft limit: fine for {@code softPendingTime}, then dropped; at once while all
     * connections together hold more than the outbound budget.
     * @return true if the connection was dropped
     */
    private boolean tooLongAboveSoftLimit() {
        long now = System.nanoTime();
        long since = aboveSoftLimitSince.get();
        if (since == 0) {
            aboveSoftLimitSince.compareAndSet(0, now | 1);
        } else if (now - since > limits.softPendingTime().toNanos()) {
            abortSlowConsumer("above " + limits.softPendingBytes() + " bytes pending for more than "
                    + limits.softPendingTime().toMillis() + " ms (eventlite.subscriber.soft-pending-bytes)");
            return true;
        }
        if (outbound.exceeded()) {
            abortSlowConsumer("above " + limits.softPendingBytes() + " bytes pending while all connections hold more than "
                    + outbound.capacity() + " bytes (eventlite.budget.outbound-bytes)");
            return true;
        }
        return false;
    }

    @Override
    public void close(ErrorCode reason) {
        errorReplied = true;
        if (!isOpen() || closeReason != null) {
            return;
        }
        Frame reply = Frame.errorReply(reason);
        outboundQueue.reserve(reply);
        outboundQueue.offer(reply, false);
        closeReason = CloseReason.errorReply(reason);
        scheduleFlush();
    }

    private void abortSlowConsumer(String why) {
        if (abortReason == null) {
            loop.totals.slowConsumerDisconnected(this, why);
            abort(CloseReason.slowConsumer(why));
        }
    }

    /** Closes without writing what is queued: the peer is not reading, or the listener stops. */
    void abort(CloseReason reason) {
        if (abortReason == null) {
            abortReason = reason;
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        // Read first: while a flush is pending, every further send costs no atomic write.
        if (!flushScheduled.get() && flushScheduled.compareAndSet(false, true)) {
            loop.requestFlush(this);
        }
    }

    // ---- loop thread only below ----

    SocketChannel channel() {
        return transport.channel();
    }

    /** Loop thread: the connection is on its loop; its first request must complete in time. */
    void registered(SelectionKey key) {
        this.key = key;
        deadlines.set(ConnectionDeadlines.Kind.FIRST_REQUEST,
                System.nanoTime() + limits.firstRequestTimeout().toNanos());
        rearm();
    }

    /** Reads what the socket has, up to a fair share, and decodes it; the buffers are the loop's, of equal size. */
    void readable(ByteBuffer readBuffer, byte[] readBytes, int maxReads) {
        try {
            if (lingering) {
                drainWhileLingering(readBuffer, maxReads);
                return;
            }
            if (readsPaused) {
                return;
            }
            for (int reads = 0; reads < maxReads; reads++) {
                readBuffer.clear();
                int n = transport.read(readBuffer);
                if (n < 0) {
                    endOfInput();
                    return;
                }
                if (n == 0) {
                    if (transport.refusal() != null) {
                        close(transport.refusal());
                        return;
                    }
                    decoder.paused(this);
                    break;
                }
                loop.totals.traffic(n, 0);
                readBuffer.flip();
                // One bulk copy to the heap: the decoder's loops then index an array, not a direct buffer.
                readBuffer.get(readBytes, 0, n);
                decoder.feed(readBytes, 0, n, this);
                if (decoder.failed() || !isOpen() || closeReason != null || readsPaused) {
                    stopRequestTimers(); // a paused publisher's half-read request waits with no clock running
                    return;
                }
                if (n < readBuffer.capacity() && transport.shortReadDrains()) {
                    decoder.paused(this);
                    break;
                }
            }
            updateRequestTimers();
            if (transport.hasBufferedOutput()) {
                scheduleFlush(); // TLS handshake records the socket did not take at once
            }
            if (transport.hasBufferedInput()) {
                loop.readAgain(this); // TLS records already off the socket: the selector would not say so
            }
        } catch (IOException e) {
            closeNow(CloseReason.ioFailure("read failed", e));
        }
    }

    /**
     * Discards input after the final reply. Closing with unread input would
     * make the kernel send a reset, and the peer could lose the error reply.
     */
    private void drainWhileLingering(ByteBuffer readBuffer, int maxReads) throws IOException {
        for (int reads = 0; reads < maxReads; reads++) {
            readBuffer.clear();
            int n = transport.channel().read(readBuffer);
            if (n < 0) {
                closeNow(closeReason);
                return;
            }
            if (n == 0) {
                return;
            }
        }
    }

    /** The peer shut down its output: complete what it sent, answer it, then close. */
    private void endOfInput() {
        inputEnded = true;
        stopRequestTimers();
        decoder.lineGraceExpired(this);
        decoder.paused(this);
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        if (closeReason == null) {
            closeReason = CloseReason.PEER_CLOSED;
        }
        scheduleFlush();
    }

    /** A line grace period, request timeout, write stall or lingering close is due. */
    void deadlineReached(long now) {
        ConnectionDeadlines.Kind due;
        while (open.get() && (due = deadlines.takeDue(now)) != null) {
            switch (due) {
                case LINGER -> closeNow(closeReason);
                case WRITE_STALL -> {
                    abortSlowConsumer("no write progress for " + settings.writeTimeout().toMillis() + " ms");
                    closeNow(abortReason);
                }
                case REQUEST -> {
                    stopRequestTimers();
                    close(ErrorCode.REQUEST_TIMEOUT);
                }
                case FIRST_REQUEST -> {
                    stopRequestTimers();
                    close(ErrorCode.IDLE_TIMEOUT);
                }
                case FRAME_HOLD -> {
                    outboundQueue.endHold();
                    flush();
                }
                case LINE_GRACE -> {
                    completingBareLine = true;
                    try {
                        decoder.lineGraceExpired(this);
                    } finally {
                        completingBareLine = false;
                    }
                    if (closeReason == null && !decoder.failed() && !readsPaused) {
                        updateRequestTimers();
                    }
                }
                default -> throw new IllegalStateException(due.name());
            }
        }
        rearm();
    }

    /** After reading: a line without LF waits for the grace period; an unfinished request for the request timeout. */
    private void updateRequestTimers() {
        long now = System.nanoTime();
        if (decoder.hasPartialLine()) {
            deadlines.set(ConnectionDeadlines.Kind.LINE_GRACE, now + settings.lineGracePeriod().toNanos());
        } else {
            deadlines.clear(ConnectionDeadlines.Kind.LINE_GRACE);
        }
        long requestDeadline = now + settings.requestTimeout().toNanos();
        if (decoder.betweenRequests()) {
            deadlines.clear(ConnectionDeadlines.Kind.REQUEST);
        } else if (requestCompleted) {
            // A pipelining client's reads end mid-request every time; each request gets its own timeout.
            deadlines.set(ConnectionDeadlines.Kind.REQUEST, requestDeadline);
        } else {
            deadlines.start(ConnectionDeadlines.Kind.REQUEST, requestDeadline);
        }
        requestCompleted = false;
        rearm();
    }

    private void stopRequestTimers() {
        deadlines.clear(ConnectionDeadlines.Kind.LINE_GRACE);
        deadlines.clear(ConnectionDeadlines.Kind.REQUEST);
        rearm();
    }

    private void rearm() {
        if (deadlines.any()) {
            loop.arm(this, deadlines.earliest());
        } else {
            loop.disarm(this);
        }
    }

    @Override
    public PublisherPacing pacing() {
        return this;
    }

    /**
     * Loop thread, while a request of this connection is delivered: no more reads until
     * {@link #resume}. What the last read held is still decoded; the socket's receive buffer
     * and then TCP hold the rest back.
     */
    @Override
    public void pause() {
        if (loop.isLoopThread() && !readsPaused && key != null && key.isValid()) {
            readsPaused = true;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    @Override
    public void resume() {
        if (readsPaused && !resumeRequested) {
            resumeRequested = true;
            scheduleFlush();
        }
    }

    /** Loop thread: reading goes on where {@link #pause} stopped it. */
    private void resumeReading() {
        resumeRequested = false;
        if (!readsPaused) {
            return;
        }
        readsPaused = false;
        if (inputEnded || lingering || closeReason != null || !key.isValid()) {
            return;
        }
        key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        updateRequestTimers();
        if (transport.hasBufferedInput()) {
            loop.readAgain(this); // TLS records already off the socket: the selector would not say so
        }
    }

    @Override
    public void request(Request request) {
        if (errorReplied || !isOpen()) {
            return; // after an error reply nothing more is executed, though the same read held it
        }
        requestCompleted = true;
        firstRequestCompleted();
        try {
            handler.onRequest(this, request);
            if (completingBareLine && request instanceof SubscribeRequest) {
                // The 2008 Perl subscriber sends no terminator, and takes a read that holds its ok
                // and a frame for a broken frame: its ok goes out alone, frames a moment later.
                outboundQueue.holdAfterWaitingFrames();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "Connection " + id + " from " + remoteAddress
                    + ": the application failed to handle a " + request.getClass().getSimpleName());
            close(ErrorCode.INTERNAL_ERROR);
        }
    }

    @Override
    public boolean publishBegins(String event, Credentials credentials) {
        if (errorReplied || !isOpen()) {
            return false;
        }
        firstRequestCompleted();
        try {
            return handler.admitPublish(this, event, credentials);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "Connection " + id + " from " + remoteAddress
                    + ": the application failed to decide a publish");
            close(ErrorCode.INTERNAL_ERROR);
            return false;
        }
    }

    private void firstRequestCompleted() {
        deadlines.clear(ConnectionDeadlines.Kind.FIRST_REQUEST);
    }

    @Override
    public void error(ProtocolException error) {
        loop.totals.decodeFailed(this, error);
        close(error.code());
    }

    /** Writes what is queued; closes when asked to and everything is out. */
    void flush() {
        flushScheduled.set(false);
        if (!open.get()) {
            return;
        }
        if (resumeRequested) {
            resumeReading();
        }
        if (abortReason != null) {
            closeNow(abortReason);
            return;
        }
        boolean progressed = false;
        try {
            outboundQueue.takeOffered();
            if (outboundQueue.holding()) {
                return; // the FRAME_HOLD deadline flushes
            }
            transport.flushBuffered();
            ByteBuffer staging = loop.stagingBuffer();
            while (outboundQueue.hasWriting() && !outboundQueue.holding()) {
                ByteBuffer source = outboundQueue.nextWrite(staging);
                long written = transport.write(source);
                loop.totals.traffic(0, written);
                progressed |= written > 0;
                outboundQueue.consume(written);
                if (source.hasRemaining()) {
                    break; // the socket takes no more now; what was staged and not taken is staged again later
                }
            }
            if (outboundQueue.holding()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
                deadlines.clear(ConnectionDeadlines.Kind.WRITE_STALL);
                deadlines.set(ConnectionDeadlines.Kind.FRAME_HOLD, System.nanoTime() + settings.bareSubscribePause().toNanos());
                rearm();
                return;
            }
        } catch (IOException e) {
            closeNow(CloseReason.ioFailure("write failed", e));
            return;
        }
        if (aboveSoftLimitSince.get() != 0 && outboundQueue.pendingBytes() <= limits.softPendingBytes()) {
            aboveSoftLimitSince.set(0); // read first: most flushes find it unset and write nothing shared
        }
        if (outboundQueue.hasWriting() || transport.hasBufferedOutput()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            long stallDeadline = System.nanoTime() + settings.writeTimeout().toNanos();
            if (progressed) {
                deadlines.set(ConnectionDeadlines.Kind.WRITE_STALL, stallDeadline);
            } else {
                deadlines.start(ConnectionDeadlines.Kind.WRITE_STALL, stallDeadline);
            }
            rearm();
        } else {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            deadlines.clear(ConnectionDeadlines.Kind.WRITE_STALL);
            rearm();
            long oldest = oldestUnwritten.getAndSet(0);
            if (oldest != 0 && loop.latencySampleDue(settings.latencySampleEvery())) {
                handler.onEventsWritten(System.nanoTime() - oldest);
            }
            if (closeReason != null && outboundQueue.isEmpty() && !lingering) {
                closeAfterLastReply();
            }
        }
    }

    private void closeAfterLastReply() {
        if (inputEnded) {
            closeNow(closeReason);
            return;
        }
        try {
            transport.shutdownOutput();
        } catch (IOException e) {
            closeNow(closeReason);
            return;
        }
        lingering = true;
        deadlines.set(ConnectionDeadlines.Kind.LINGER, System.nanoTime() + IoLoop.LINGER_NANOS);
        rearm();
    }

    /** Closes the socket and tells the handler, once. */
    void closeNow(CloseReason reason) {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        loop.disarm(this);
        if (key != null) {
            key.cancel();
        }
        try {
            transport.channel().close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Connection {0}: close failed: {1}", new Object[] {id, e.getMessage()});
        }
        outboundQueue.releaseAll();
        decoder.close();
        loop.connectionClosed(this);
        try {
            handler.onClosed(this, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Connection " + id + ": the application failed on close");
        }
    }

    /** The instant this connection is due, while it is in its loop's {@link DeadlineQueue}. */
    long deadlineNanos() {
        return armedNanos;
    }

    void deadlineNanos(long nanos) {
        armedNanos = nanos;
    }

    /** Where this connection sits in its loop's {@link DeadlineQueue}; -1 while it waits for no deadline. */
    int deadlineIndex() {
        return deadlineIndex;
    }

    void deadlineIndex(int index) {
        deadlineIndex = index;
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + remoteAddress + "]";
    }
}
