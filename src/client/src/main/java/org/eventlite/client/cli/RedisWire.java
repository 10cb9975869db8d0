package org.eventlite.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Just enough of Redis's RESP for the benchmark to drive Redis Pub/Sub exactly as it drives EventLite. */
final class RedisWire {

    /** {@code *3, $9, subscribe, $n, channel, :1}. */
    static final int SUBSCRIBE_REPLY_LINES = 6;
    /** {@code *3, $7, message, $n, channel, $m, payload}. */
    static final int MESSAGE_LINES = 7;

    private RedisWire() {
    }

    static void appendPublish(StringBuilder batch, String channel, String payload) {
        batch.append("*3\r\n$7\r\nPUBLISH\r\n");
        bulk(batch, channel);
        bulk(batch, payload);
    }

    private static void bulk(StringBuilder batch, String text) {
        batch.append('$').append(text.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(text).append("\r\n");
    }

    /** Reads {@code count} lines, one byte at a time (only used before the measurement). */
    static String readLines(InputStream in, int count) throws IOException {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        int b;
        while (lines < count && (b = in.read()) >= 0) {
            text.append((char) b);
            lines += b == '\n' ? 1 : 0;
        }
        return text.toString();
    }
}
