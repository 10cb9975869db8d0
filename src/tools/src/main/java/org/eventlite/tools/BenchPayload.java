package org.eventlite.tools;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON of one benchmark event,
 * {@code {"event":"<name>","p":<publisher>,"seq":<n>,"t":<nanoTime when sent>,"pad":"xx..x"}}
 * padded to the size asked, and its exact check. {@link #check} reads p, seq and t and then
 * requires every other byte to be what {@link #write} makes of them, so a subscriber verifies
 * the whole payload without building a String. Not thread-safe: one instance per thread.
 */
final class BenchPayload {

    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] SENT = ascii(",\"t\":");
    private static final byte[] PAD = ascii(",\"pad\":\"");
    private static final byte[] END = ascii("\"}");

    private final byte[] prefix;
    private final int size;
    /** As many x as any event of this size holds, to compare padding in one call. */
    private final byte[] padding;

    private byte[] text;
    private int pos;
    private int end;
    private int publisher;
    private int seq;
    private long sentNanos;

    BenchPayload(String event, int size) {
        this.prefix = ("{\"event\":\"" + event + "\",\"p\":").getBytes(StandardCharsets.UTF_8);
        this.size = size;
        this.padding = new byte[size];
        Arrays.fill(padding, (byte) 'x');
    }

    void write(ByteSink out, int publisher, int seq, long sentNanos) {
        int start = out.length();
        out.append(prefix).appendDecimal(publisher).append(SEQ).appendDecimal(seq).append(SENT).appendDecimal(sentNanos)
                .append(PAD);
        int head = out.length() - start;
        out.repeat((byte) 'x', Math.max(0, size - head - 2)).append(END);
    }

    /** True if the bytes are exactly an event {@link #write} made; then {@link #publisher()} and the rest tell which. */
    boolean check(byte[] bytes, int offset, int length) {
        text = bytes;
        pos = offset;
        end = offset + length;
        if (!expect(prefix)) {
            return false;
        }
        long p = number();
        if (p < 0 || !expect(SEQ)) {
            return false;
        }
        long s = number();
        if (s < 0 || !expect(SENT)) {
            return false;
        }
        boolean negative = pos < end && text[pos] == '-';
        pos += negative ? 1 : 0;
        long t = number();
        if (t < 0 || !expect(PAD)) {
            return false;
        }
        int padding = Math.max(0, size - (pos - offset) - 2);
        if (end - pos != padding + END.length
                || !Arrays.equals(text, pos, pos + padding, this.padding, 0, padding)) {
            return false;
        }
        pos += padding;
        if (!expect(END)) {
            return false;
        }
        publisher = (int) p;
        seq = (int) s;
        sentNanos = negative ? -t : t;
        return true;
    }

    int publisher() {
        return publisher;
    }

    int seq() {
        return seq;
    }

    long sentNanos() {
        return sentNanos;
    }

    private boolean expect(byte[] expected) {
        if (end - pos < expected.length || !Arrays.equals(text, pos, pos + expected.length, expected, 0, expected.length)) {
            return false;
        }
        pos += expected.length;
        return true;
    }

    /** A decimal as {@link ByteSink#appendDecimal} writes it (no leading zeros), or -1. */
    private long number() {
        int start = pos;
        long value = 0;
        while (pos < end && text[pos] >= '0' && text[pos] <= '9' && pos - start < 19) {
            value = value * 10 + (text[pos++] - '0');
        }
        int digits = pos - start;
        if (digits == 0 || (digits > 1 && text[start] == '0')) {
            return -1;
        }
        return value;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
