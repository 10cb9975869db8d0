package org.eventlite.connector;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.MemoryBudget;

/**
 * The frames waiting to be written to one connection, in order: any thread sends, the
 * connection's loop stages them into its write buffer and consumes what the socket took.
 * Frames are shared by all their subscribers and never copied here; the listener's outbound
 * budget counts each event frame once, while any connection holds it.
 */
final class OutboundQueue {

    /** Filled by any thread, drained by the loop. */
    private final ConcurrentLinkedQueue<Frame> queued = new ConcurrentLinkedQueue<>();
    /** Loop thread only: frames sent on the loop thread or taken from {@link #queued}, not yet fully written. */
    private final ArrayDeque<Frame> writing = new ArrayDeque<>();
    /** Loop thread only: bytes of the first frame in {@link #writing} already written. */
    private int firstFrameWritten;
    /** Bytes sent and not yet written, counted when a frame is offered. */
    private final AtomicLong pendingBytes = new AtomicLong();
    private final MemoryBudget outbound;
    /**
     * Loop thread only: how many frames of {@link #writing} go out before frames are held back
     * for a moment; 0: none.
     */
    private int framesBeforeHold;
    /** Loop thread only: frames wait until {@link #endHold}. */
    private boolean holding;

    /** @param outbound bytes of the event frames queued on any connection of the listener */
    OutboundQueue(MemoryBudget outbound) {
        this.outbound = outbound;
    }

    /** Counts a frame about to be offered; @return the bytes pending with it */
    long reserve(Frame frame) {
        return pendingBytes.addAndGet(frame.length());
    }

    /** Takes back a {@link #reserve} whose frame is not offered after all. */
    void unreserve(Frame frame) {
        pendingBytes.addAndGet(-frame.length());
    }

    long pendingBytes() {
        return pendingBytes.get();
    }

    /**
     * Queues a reserved frame. The loop's own frames (replies, events of publishers on the same
     * loop) go straight to the loop-only queue, no concurrent queue node; each sender keeps one
     * path, so the order of one publisher's events holds.
     */
    void offer(Frame frame, boolean onLoopThread) {
        if (frame.createdNanos() != 0 && frame.hold()) {
            outbound.add(frame.length());
        }
        if (onLoopThread) {
            writing.add(frame);
        } else {
            queued.add(frame);
        }
    }

    /** The connection closed while {@code frame} was offered from another thread: give it back if still queued. */
    void withdraw(Frame frame) {
        if (queued.remove(frame)) {
            released(frame);
        }
    }

    /** Loop thread: frames other threads offered join the frames being written. */
    void takeOffered() {
        Frame next;
        while ((next = queued.poll()) != null) {
            writing.add(next);
        }
    }

    /** Loop thread: nothing waits to be written, from any thread. */
    boolean isEmpty() {
        return writing.isEmpty() && queued.isEmpty();
    }

    /** Loop thread: frames taken from other threads, or the loop's own, wait to be written. */
    boolean hasWriting() {
        return !writing.isEmpty();
    }

    /**
     * Loop thread: the frames waiting now go out, then the rest wait until {@link #endHold}
     * (the reply to a subscribe line without terminator, and any frame before it).
     */
    void holdAfterWaitingFrames() {
        framesBeforeHold = writing.size();
    }

    boolean holding() {
        return holding;
    }

    void endHold() {
        holding = false;
    }

    /**
     * What to write next: the first waiting frame's own buffer, from its first unwritten byte on,
     * if it is written in place; else the waiting frames up to the next such one, copied into the
     * loop's direct staging buffer: one copy, which the JDK would otherwise make into a temporary
     * direct buffer for every heap buffer of a gathering write, and then one write call for many
     * frames. Frames behind a hold are not staged.
     */
    ByteBuffer nextWrite(ByteBuffer staging) {
        Frame first = writing.peekFirst();
        if (first.writtenInPlace()) {
            return first.remaining(firstFrameWritten);
        }
        staging.clear();
        int from = firstFrameWritten;
        int frames = 0;
        int maxFrames = framesBeforeHold > 0 ? framesBeforeHold : Integer.MAX_VALUE;
        for (Frame frame : writing) {
            if (frame.writtenInPlace()) {
                break;
            }
            frame.copyTo(staging, from);
            if (!staging.hasRemaining() || ++frames == maxFrames) {
                break;
            }
            from = 0;
        }
        return staging.flip();
    }

    /** The socket took {@code written} staged bytes: drops the frames it took whole, remembers how far into the next. */
    void consume(long written) {
        pendingBytes.addAndGet(-written);
        long left = written;
        while (left > 0) {
            Frame first = writing.peekFirst();
            int rest = first.length() - firstFrameWritten;
            if (left < rest) {
                firstFrameWritten += (int) left;
                return;
            }
            left -= rest;
            released(writing.pollFirst());
            firstFrameWritten = 0;
            if (framesBeforeHold > 0 && --framesBeforeHold == 0) {
                holding = true;
            }
        }
    }

    /** Loop thread, at the close: every frame goes back to the outbound budget. */
    void releaseAll() {
        releaseAll(queued);
        releaseAll(writing);
        firstFrameWritten = 0;
    }

    private void releaseAll(Queue<Frame> frames) {
        Frame frame;
        while ((frame = frames.poll()) != null) {
            released(frame);
        }
    }

    /** An event frame leaves this queue; frames are shared, so what they cost is one array each. */
    private void released(Frame frame) {
        if (frame.createdNanos() != 0 && frame.release()) {
            outbound.add(-frame.length());
        }
    }
}
