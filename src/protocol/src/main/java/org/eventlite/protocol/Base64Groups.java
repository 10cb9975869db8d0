package org.eventlite.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes runs of whole base64 groups (four data characters, no padding) into an array, the hot
 * loop of every publish body: the I/O thread runs it once per event and byte, whatever the number
 * of subscribers. Eight characters at a time: one 8-byte load, four lookups of a character pair's
 * 12 bits, one 8-byte store of which six bytes count, instead of four lookups and three stores per
 * group (docs/performance.md has the figures).
 */
final class Base64Groups {

    /** Indexed by two characters, the first in the high byte: their 12 bits, or -1 if either is not data. */
    private static final int[] PAIR_VALUES = pairValues();
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Base64Groups() {
    }

    private static int[] pairValues() {
        int[] values = Base64Alphabet.values();
        int[] pairs = new int[1 << 16];
        Arrays.fill(pairs, -1);
        for (int first = 0; first < 256; first++) {
            for (int second = 0; second < 256; second++) {
                if (values[first] >= 0 && values[second] >= 0) {
                    pairs[first << 8 | second] = values[first] << 6 | values[second];
                }
            }
        }
        return pairs;
    }

    /**
     * Decodes up to {@code groups} groups from {@code characters[from]} into {@code into[at]} on,
     * stopping before the first group that holds anything but data characters. The two bytes after
     * the last one decoded may be overwritten; {@code into} is never written past its end.
     * @return the groups decoded: each one three bytes written and four characters read
     */
    static int decode(byte[] characters, int from, int groups, byte[] into, int at) {
        int[] pairs = PAIR_VALUES;
        int read = from;
        int written = at;
        // Two groups a step while the 8-byte store, two bytes past the six decoded, stays in the array.
        int pairSteps = Math.min(groups / 2, (into.length - at - 2) / 6);
        int end = from + pairSteps * 8;
        while (read < end) {
            long eight = (long) LONG.get(characters, read);
            int a = pairs[(int) (eight >>> 48)];
            int b = pairs[(int) (eight >>> 32) & 0xFFFF];
            int c = pairs[(int) (eight >>> 16) & 0xFFFF];
            int d = pairs[(int) eight & 0xFFFF];
            if ((a | b | c | d) < 0) {
                break;
            }
            LONG.set(into, written, (long) a << 52 | (long) b << 40 | (long) c << 28 | (long) d << 16);
            read += 8;
            written += 6;
        }
        int[] values = Base64Stream.DATA_VALUES;
        int last = from + groups * 4;
        while (read < last) {
            int a = values[characters[read] & 0xFF];
            int b = values[characters[read + 1] & 0xFF];
            int c = values[characters[read + 2] & 0xFF];
            int d = values[characters[read + 3] & 0xFF];
            if ((a | b | c | d) < 0) {
                break;
            }
            int group = a << 18 | b << 12 | c << 6 | d;
            into[written] = (byte) (group >> 16);
            into[written + 1] = (byte) (group >> 8);
            into[written + 2] = (byte) group;
            written += 3;
            read += 4;
        }
        return (read - from) / 4;
    }
}
