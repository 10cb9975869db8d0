package org.eventlite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBuffersTest {

    @Test
    void aBufferIsAtMostAQuarterLargerThanItsFrame() {
        for (int length = FrameCodec.DIRECT_FROM_BYTES; length < 64 << 20; length += length / 7 + 1) {
            int capacity = FrameBuffers.capacityOf(length);
            assertTrue(capacity >= length && capacity <= length + length / 4, length + " -> " + capacity);
            assertEquals(capacity, FrameBuffers.capacityOf(capacity), "a capacity is its own size");
        }
    }

    @Test
    void aBufferGivenBackIsTakenAgainForAFrameOfItsSize() {
        ByteBuffer first = FrameBuffers.take(300_001);
        assertTrue(first.isDirect());
        assertEquals(0, first.position());
        assertEquals(300_001, first.limit());
        first.position(1000);
        FrameBuffers.give(first);
        ByteBuffer again = FrameBuffers.take(300_002);
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(300_002, again.limit());
        assertNotSame(again, FrameBuffers.take(300_002), "one frame per buffer");
    }

    @Test
    void idleBuffersStayWithinTheirBound() {
        List<ByteBuffer> taken = new ArrayList<>();
        for (long bytes = 0; bytes < 2 * FrameBuffers.MAX_IDLE_BYTES; bytes += 2_000_000) {
            taken.add(FrameBuffers.take(2_000_000));
        }
        taken.forEach(FrameBuffers::give);
        assertTrue(FrameBuffers.idleBytes() <= FrameBuffers.MAX_IDLE_BYTES, FrameBuffers.idleBytes() + " bytes idle");
        assertTrue(FrameBuffers.idleBytes() > FrameBuffers.MAX_IDLE_BYTES - 3_000_000, "kept up to the bound");
    }

    @Test
    void buffersNotFromHereAreNotKept() {
        long idle = FrameBuffers.idleBytes();
        FrameBuffers.give(ByteBuffer.allocate(FrameBuffers.capacityOf(100_000)));
        FrameBuffers.give(ByteBuffer.allocateDirect(100_001));
        assertEquals(idle, FrameBuffers.idleBytes());
    }
}
