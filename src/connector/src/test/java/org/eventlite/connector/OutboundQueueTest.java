package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.ErrorCode;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.FrameBuffers;
import org.eventlite.protocol.MemoryBudget;
import org.junit.jupiter.api.Test;

/** One connection's outbound frames: order, partial writes, the hold after a bare subscribe, and the shared budget. */
class OutboundQueueTest {

    private final MemoryBudget budget = new MemoryBudget("outbound", 1 << 20);
    private final OutboundQueue queue = new OutboundQueue(budget);

    private static Frame event(int n) throws Exception {
        return Frame.of(EventJson.of("q.test", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytesOf(Frame frame) {
        ByteBuffer view = frame.view();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private void offer(Frame frame, boolean onLoopThread) {
        queue.reserve(frame);
        queue.offer(frame, onLoopThread);
    }

    /** Stages and "writes" at most {@code socketTakes} bytes a call, as a full socket does, until the queue is empty. */
    private byte[] writeAll(int stagingBytes, int socketTakes) {
        ByteBuffer staging = ByteBuffer.allocateDirect(stagingBytes);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        queue.takeOffered();
        while (queue.hasWriting() && !queue.holding()) {
            ByteBuffer source = queue.nextWrite(staging);
            int taken = Math.min(socketTakes, source.remaining());
            for (int i = 0; i < taken; i++) {
                written.write(source.get());
            }
            queue.consume(taken);
        }
        return written.toByteArray();
    }

    @Test
    void partialWritesDeliverEveryByteInOrder() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int n = 0; n < 50; n++) {
            Frame frame = event(n);
            expected.write(bytesOf(frame));
            offer(frame, n < 5); // the loop's own frames, then frames other threads offer
        }
        assertEquals(expected.size(), queue.pendingBytes());
        assertArrayEquals(expected.toByteArray(), writeAll(64, 7), "staged 64 bytes at a time, 7 taken a write");
        assertEquals(0, queue.pendingBytes());
        assertTrue(queue.isEmpty());
        assertEquals(0, budget.used(), "written frames give their bytes back");
    }

    @Test
    void largeFramesWrittenInPlaceKeepTheirOrderAmongSmallOnes() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int n = 0; n < 6; n++) {
            Frame frame = n % 3 == 1 ? large(n) : event(n);
            expected.write(bytesOf(frame));
            offer(frame, false);
        }
        assertTrue(large(0).writtenInPlace() && !event(0).writtenInPlace());
        assertArrayEquals(expected.toByteArray(), writeAll(4096, 10_000), "in-place frames cut into 10,000-byte writes");
        assertEquals(0, budget.used());
    }

    private static Frame large(int n) throws Exception {
        String padding = "x".repeat(org.eventlite.protocol.FrameCodec.DIRECT_FROM_BYTES);
        return Frame.of(EventJson.of("q.large", ("{\"n\":" + n + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSharedFrameCountsOnceInTheBudgetWhileAnyQueueHoldsIt() throws Exception {
        OutboundQueue other = new OutboundQueue(budget);
        Frame shared = event(1);
        offer(shared, false);
        other.reserve(shared);
        other.offer(shared, false);
        assertEquals(shared.length(), budget.used());
        writeAll(4096, Integer.MAX_VALUE);
        assertEquals(shared.length(), budget.used(), "the other connection still holds it");
        other.releaseAll();
        assertEquals(0, budget.used());
    }

    @Test
    void aLargeFrameGoesBackToThePoolOnlyOnceDeliveredAndWrittenByEveryQueue() throws Exception {
        OutboundQueue other = new OutboundQueue(budget);
        Frame shared = large(1);
        int capacity = FrameBuffers.capacityOf(shared.length());
        long idle = FrameBuffers.idleBytes();
        offer(shared, false);
        other.reserve(shared);
        other.offer(shared, true);
        writeAll(4096, 10_000);
        shared.delivered();
        assertEquals(idle, FrameBuffers.idleBytes(), "the other queue still holds it");
        other.releaseAll();
        assertEquals(idle + capacity, FrameBuffers.idleBytes(), "given back once");
        Frame next = large(2);
        assertEquals(idle, FrameBuffers.idleBytes(), "taken again by the next frame");
        offer(next, true);
        next.delivered();
        assertArrayEquals(bytesOf(large(2)), writeAll(4096, 10_000), "the reused buffer holds the next frame whole");
        assertEquals(idle + capacity, FrameBuffers.idleBytes());
    }

    @Test
    void aLargeFrameNoConnectionTookGoesBackWhenDelivered() throws Exception {
        Frame unsent = large(3);
        long idle = FrameBuffers.idleBytes();
        unsent.delivered();
        assertEquals(idle + FrameBuffers.capacityOf(unsent.length()), FrameBuffers.idleBytes());
    }

    @Test
    void repliesDoNotCountInTheEventBudget() {
        offer(Frame.errorReply(ErrorCode.LINE_TOO_LONG), false);
        offer(Frame.OK, true);
        assertEquals(0, budget.used());
        assertFalse(queue.isEmpty());
    }

    @Test
    void framesAfterAHoldWaitUntilItEnds() throws Exception {
        offer(Frame.OK, true);
        queue.holdAfterWaitingFrames();
        Frame event = event(1);
        offer(event, true);
        assertArrayEquals(bytesOf(Frame.OK), writeAll(4096, 1), "only the reply goes out, a byte at a time");
        assertTrue(queue.holding());
        queue.endHold();
        assertArrayEquals(bytesOf(event), writeAll(4096, Integer.MAX_VALUE));
    }

    @Test
    void aFrameWithdrawnAfterTheCloseIsGivenBack() throws Exception {
        Frame event = event(1);
        offer(event, false);
        queue.releaseAll();
        assertEquals(0, budget.used());
        Frame late = event(2);
        offer(late, false);
        queue.withdraw(late);
        assertEquals(0, budget.used());
        assertTrue(queue.isEmpty());
    }
}
