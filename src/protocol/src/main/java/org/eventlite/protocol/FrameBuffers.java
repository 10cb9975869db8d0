package org.eventlite.protocol;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct buffers for large frames, given back when the last connection has written its frame and
 * taken again for the next one. A new direct buffer per event cost more than the event's decoding:
 * the JDK zeroes it, the kernel maps and zeroes its pages again on first touch, and the collector's
 * cleaner unmaps them, all on the I/O thread's core (docs/performance.md).
 *
 * <p>Buffers come in sizes a quarter of a power of two apart, so a buffer is at most a quarter larger
 * than its frame and frames of about one size share buffers. At most {@link #MAX_IDLE_BYTES} wait
 * unused; beyond that a buffer given back is left to the collector. A buffer never given back (its
 * frame dropped by a path that does not give back) is freed by the collector as any other.
 */
public final class FrameBuffers {

    /** Bytes of buffers kept for reuse while no frame uses them. */
    public static final long MAX_IDLE_BYTES = 32L * 1024 * 1024;

    private static final Map<Integer, Queue<ByteBuffer>> IDLE = new ConcurrentHashMap<>();
    private static final AtomicLong IDLE_BYTES = new AtomicLong();

    private FrameBuffers() {
    }

    /** A direct buffer for {@code length} bytes: position 0, limit {@code length}, contents undefined. */
    public static ByteBuffer take(int length) {
        int capacity = capacityOf(length);
        ByteBuffer buffer = idleOf(capacity).poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(capacity).limit(length);
        }
        IDLE_BYTES.addAndGet(-capacity);
        return buffer.clear().limit(length);
    }

    /** {@code buffer}, taken from here and no longer read or written by anyone, may be taken again. */
    public static void give(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (!buffer.isDirect() || capacity != capacityOf(capacity)) {
            return; // not one of these
        }
        if (IDLE_BYTES.addAndGet(capacity) > MAX_IDLE_BYTES) {
            IDLE_BYTES.addAndGet(-capacity);
            return;
        }
        idleOf(capacity).add(buffer);
    }

    /** Bytes of the buffers waiting to be taken again. */
    public static long idleBytes() {
        return IDLE_BYTES.get();
    }

    private static Queue<ByteBuffer> idleOf(int capacity) {
        return IDLE.computeIfAbsent(capacity, c -> new ConcurrentLinkedQueue<>());
    }

    /**
     * The capacity of the buffer {@link #take} gives for {@code length} bytes: {@code length} rounded
     * up to a multiple of a quarter of the highest power of two not above it.
     */
    public static int capacityOf(int length) {
        int quarter = Math.max(1, Integer.highestOneBit(length) / 4);
        return (int) Math.min(Integer.MAX_VALUE, ((long) length + quarter - 1) / quarter * quarter);
    }
}
