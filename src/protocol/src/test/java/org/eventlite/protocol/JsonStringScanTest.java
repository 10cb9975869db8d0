package org.eventlite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-at-a-time string scan agrees with the byte-at-a-time rule on every byte at every place. */
class JsonStringScanTest {

    @Test
    void everyByteValueAtEveryPlaceOfAWord() {
        for (int place = 0; place < Long.BYTES; place++) {
            for (int b = 0; b < 256; b++) {
                byte[] bytes = "xxxxxxxx".getBytes(StandardCharsets.US_ASCII);
                bytes[place] = (byte) b;
                assertEquals(plain(bytes), JsonBody.isPlainWord(word(bytes)), "byte 0x" + Integer.toHexString(b) + " at " + place);
            }
        }
    }

    @Test
    void randomWordsNearTheSpecialBytes() {
        byte[] near = {0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, (byte) 0x80, (byte) 0xFF, 'x'};
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[Long.BYTES];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : near[random.nextInt(near.length)];
            }
            assertEquals(plain(bytes), JsonBody.isPlainWord(word(bytes)), java.util.Arrays.toString(bytes));
        }
    }

    @Test
    void controlByteOrQuoteAnywhereInALongStringIsSeen() throws ProtocolException {
        for (int at = 0; at < 40; at++) {
            StringBuilder pad = new StringBuilder("x".repeat(40));
            pad.setCharAt(at, '\t');
            String json = "{\"event\":\"foo\",\"pad\":\"" + pad + "\"}";
            assertThrows(ProtocolException.class, () -> EventJson.of("foo", json.getBytes(StandardCharsets.UTF_8)), "tab at " + at);
            pad.setCharAt(at, 'y');
            assertEquals("{\"event\":\"foo\",\"pad\":\"" + pad + "\"}",
                    EventJson.of("foo", ("{\"event\":\"foo\",\"pad\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8)).toString());
        }
    }

    private static boolean plain(byte[] bytes) {
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v < 0x20 || v >= 0x80 || v == '"' || v == '\\') {
                return false;
            }
        }
        return true;
    }

    private static long word(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
