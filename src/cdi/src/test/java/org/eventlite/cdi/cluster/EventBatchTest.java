package org.eventlite.cdi.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchTest {

    private static final int MAX_NAME = 255;
    private static final int MAX_JSON = 1024;

    private static EventBatch.Entry entry(String name, String user, String json) {
        return new EventBatch.Entry(name, user, json.getBytes(StandardCharsets.UTF_8));
    }

    private static final List<EventBatch.Entry> EVENTS = List.of(
            entry("orders.created", "", "{\"event\":\"orders.created\",\"n\":1}"),
            entry("prix.été", "zoë", "{\"event\":\"prix.été\",\"v\":\"€\"}"),
            entry("x", "alice", "{\"event\":\"x\"}"));

    @Test
    void eventsComeBackAsTheyWentInOrder() {
        EventBatch.Decoded decoded = EventBatch.decode(EventBatch.encode(EVENTS), MAX_NAME, MAX_JSON);

        assertNull(decoded.error());
        assertEquals(EVENTS.size(), decoded.entries().size());
        for (int i = 0; i < EVENTS.size(); i++) {
            assertEquals(EVENTS.get(i).name(), decoded.entries().get(i).name());
            assertEquals(EVENTS.get(i).user(), decoded.entries().get(i).user());
            assertArrayEquals(EVENTS.get(i).json(), decoded.entries().get(i).json());
        }
    }

    @Test
    void aBodyCutAnywhereKeepsTheWholeEventsBeforeTheCutAndSaysWhy() {
        byte[] body = EventBatch.encode(EVENTS);
        int[] ends = new int[EVENTS.size()];
        int end = EventBatch.headerSize();
        for (int i = 0; i < EVENTS.size(); i++) {
            end += EVENTS.get(i).size();
            ends[i] = end;
        }
        for (int cut = 0; cut < body.length; cut++) {
            EventBatch.Decoded decoded = EventBatch.decode(Arrays.copyOf(body, cut), MAX_NAME, MAX_JSON);
            int whole = 0;
            while (whole < ends.length && ends[whole] <= cut) {
                whole++;
            }
            assertEquals(whole, decoded.entries().size(), "cut at " + cut);
            if (cut != EventBatch.headerSize() && (whole == 0 || ends[whole - 1] != cut)) {
                assertNotNull(decoded.error(), "cut at " + cut);
            }
        }
    }

    @Test
    void lengthsPastTheLimitsOrTheBodyBreakTheFrame() {
        byte[] magic = "ELB1".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer longName = ByteBuffer.allocate(64).put(magic).putShort((short) (MAX_NAME + 1));
        ByteBuffer hugeJson = ByteBuffer.allocate(64).put(magic).putShort((short) 1).put((byte) 'a')
                .putShort((short) 0).putInt(Integer.MAX_VALUE);
        ByteBuffer negativeJson = ByteBuffer.allocate(64).put(magic).putShort((short) 1).put((byte) 'a')
                .putShort((short) 0).putInt(-1);
        ByteBuffer notUtf8 = ByteBuffer.allocate(64).put(magic).putShort((short) 1).put((byte) 0xC3)
                .putShort((short) 0).putInt(0);

        for (ByteBuffer body : List.of(longName, hugeJson, negativeJson, notUtf8)) {
            EventBatch.Decoded decoded = EventBatch.decode(Arrays.copyOf(body.array(), body.position()), MAX_NAME,
                    MAX_JSON);
            assertTrue(decoded.entries().isEmpty());
            assertNotNull(decoded.error());
        }
    }

    @Test
    void aBodyThatIsNoBatchIsRefusedWhole() {
        EventBatch.Decoded decoded = EventBatch.decode("{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                MAX_NAME, MAX_JSON);

        assertTrue(decoded.entries().isEmpty());
        assertEquals("not an EventLite batch", decoded.error());
    }
}
