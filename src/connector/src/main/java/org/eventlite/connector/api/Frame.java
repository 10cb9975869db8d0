package org.eventlite.connector.api;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.FrameCodec;
import org.eventlite.protocol.Replies;

/**
 * Bytes ready for the wire, encoded once and shared by every connection they
 * go to. Immutable: connections read it through their own views.
 */
public final class Frame {

    public static final Frame OK = new Frame(Replies.ok(), 0);
    public static final Frame PERMISSION_DENIED = new Frame(Replies.permissionDenied(), 0);

    /** Never written after construction; connections copy from it, so one array serves every subscriber. */
    private final byte[] bytes;
    private final long createdNanos;
    /** Connections that hold this frame queued, for a budget that counts its bytes once, however many. */
    private final AtomicInteger holders = new AtomicInteger();

    private Frame(byte[] bytes, long createdNanos) {
        this.bytes = bytes;
        this.createdNanos = createdNanos;
    }

    /** The frame that delivers {@code json} to subscribers, stamped with the time it was made. */
    public static Frame of(EventJson json) {
        return new Frame(FrameCodec.encode(json), System.nanoTime());
    }

    /** The reply for an error; the connection closes after it. */
    public static Frame errorReply(ErrorCode code) {
        return new Frame(code.reply(), 0);
    }

    /** {@link System#nanoTime()} when an event frame was made, for publish-to-deliver latency; 0 for replies. */
    public long createdNanos() {
        return createdNanos;
    }

    public int length() {
        return bytes.length;
    }

    /** A connection queues this frame; @return true if it is the first to hold it, whose bytes now count */
    public boolean hold() {
        return holders.getAndIncrement() == 0;
    }

    /** A connection has written or dropped this frame; @return true if it was the last, whose bytes no longer count */
    public boolean release() {
        return holders.decrementAndGet() == 0;
    }

    /** A read-only view positioned at the start, with a position of its own. */
    public ByteBuffer view() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * Copies the bytes from offset {@code from} on into {@code into}, as many as it has room for.
     * @return the bytes copied
     */
    public int copyTo(ByteBuffer into, int from) {
        int count = Math.min(into.remaining(), bytes.length - from);
        into.put(bytes, from, count);
        return count;
    }
}
