package org.eventlite.connector.api;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.FrameBuffers;
import org.eventlite.protocol.FrameCodec;
import org.eventlite.protocol.Replies;

/**
 * Bytes ready for the wire, encoded once and shared by every connection they
 * go to. Immutable: connections read it through their own views.
 *
 * <p>A large frame is a direct buffer ({@link FrameCodec#DIRECT_FROM_BYTES}), which every
 * connection writes to its socket in place: a heap array would be copied into a direct buffer
 * once per subscriber before each write. Small frames are heap arrays, many of which are copied
 * together into one write.
 *
 * <p>A direct buffer goes back to {@link FrameBuffers} once nothing can read it: the delivery that
 * made the frame has gone to every subscriber ({@link #delivered}) and every connection that held it
 * has written or dropped it ({@link #release}).
 */
public final class Frame {

    public static final Frame OK = new Frame(ByteBuffer.wrap(Replies.ok()), 0);
    public static final Frame PERMISSION_DENIED = new Frame(ByteBuffer.wrap(Replies.permissionDenied()), 0);

    /** Never written after construction, its position never moved: connections read duplicates. */
    private final ByteBuffer bytes;
    private final long createdNanos;
    /** Connections that hold this frame queued, for a budget that counts its bytes once, however many. */
    private final AtomicInteger holders = new AtomicInteger();
    /** The buffer to give back to {@link FrameBuffers}, or null for a heap frame. */
    private final ByteBuffer pooled;
    /** For a pooled frame: the delivery that made it, if not yet {@link #delivered}, and the connections holding it. */
    private final AtomicInteger readers;

    private Frame(ByteBuffer bytes, long createdNanos) {
        this.bytes = bytes.asReadOnlyBuffer();
        this.createdNanos = createdNanos;
        this.pooled = bytes.isDirect() ? bytes : null;
        this.readers = pooled == null ? null : new AtomicInteger(1);
    }

    /**
     * The frame that delivers {@code json} to subscribers, stamped with the time it was made. Whoever
     * makes it calls {@link #delivered} once it has offered it to every subscriber.
     */
    public static Frame of(EventJson json) {
        return new Frame(FrameCodec.frame(json), System.nanoTime());
    }

    /** The reply for an error; the connection closes after it. */
    public static Frame errorReply(ErrorCode code) {
        return new Frame(ByteBuffer.wrap(code.reply()), 0);
    }

    /** {@link System#nanoTime()} when an event frame was made, for publish-to-deliver latency; 0 for replies. */
    public long createdNanos() {
        return createdNanos;
    }

    public int length() {
        return bytes.limit();
    }

    /** Whether connections write this frame from its own buffer ({@link #remaining}) instead of copying it. */
    public boolean writtenInPlace() {
        return bytes.isDirect();
    }

    /** Its bytes from offset {@code from} on, in a read-only buffer of the caller's own. */
    public ByteBuffer remaining(int from) {
        return bytes.asReadOnlyBuffer().position(from);
    }

    /** A connection queues this frame; @return true if it is the first to hold it, whose bytes now count */
    public boolean hold() {
        if (readers != null) {
            readers.incrementAndGet();
        }
        return holders.getAndIncrement() == 0;
    }

    /** A connection has written or dropped this frame; @return true if it was the last, whose bytes no longer count */
    public boolean release() {
        boolean last = holders.decrementAndGet() == 0;
        unread();
        return last;
    }

    /** The frame has been offered to every subscriber of its event: no connection takes it after this. */
    public void delivered() {
        unread();
    }

    private void unread() {
        if (readers != null && readers.decrementAndGet() == 0) {
            FrameBuffers.give(pooled);
        }
    }

    /** A read-only view positioned at the start, with a position of its own. */
    public ByteBuffer view() {
        return remaining(0);
    }

    /**
     * Copies the bytes from offset {@code from} on into {@code into}, as many as it has room for.
     * @return the bytes copied
     */
    public int copyTo(ByteBuffer into, int from) {
        int count = Math.min(into.remaining(), length() - from);
        into.put(into.position(), bytes, from, count).position(into.position() + count);
        return count;
    }
}
