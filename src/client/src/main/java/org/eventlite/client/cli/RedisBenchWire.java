package org.eventlite.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Just enough of Redis's RESP for the load generator to drive Redis Pub/Sub exactly as it drives EventLite. */
final class RedisBenchWire implements BenchWire {

    /** {@code *3, $9, subscribe, $n, channel, :1}. */
    private static final int SUBSCRIBE_REPLY_LINES = 6;
    /** {@code *3, $7, message, $n, channel, $m, payload}: the payload is the last line. */
    private static final int MESSAGE_LINES = 7;

    private final byte[] publishHead;

    RedisBenchWire(String event) {
        byte[] channel = event.getBytes(StandardCharsets.UTF_8);
        this.publishHead = ("*3\r\n$7\r\nPUBLISH\r\n$" + channel.length + "\r\n" + event + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void subscribe(Socket socket, String event) throws IOException {
        socket.getOutputStream().write(("SUBSCRIBE " + event + "\r\n").getBytes(StandardCharsets.UTF_8));
        String confirmation = readLines(socket.getInputStream(), SUBSCRIBE_REPLY_LINES);
        if (!confirmation.contains("subscribe")) {
            throw new IOException("SUBSCRIBE refused: " + confirmation);
        }
    }

    /** Reads {@code count} lines a byte at a time: only before the measurement. */
    private static String readLines(InputStream in, int count) throws IOException {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        int b;
        while (lines < count && (b = in.read()) >= 0) {
            text.append((char) b);
            lines += b == '\n' ? 1 : 0;
        }
        return text.toString();
    }

    @Override
    public void appendPublish(ByteSink out, byte[] json, int length) {
        out.append(publishHead).append((byte) '$').appendDecimal(length).append((byte) '\r').append((byte) '\n')
                .append(json, 0, length).append((byte) '\r').append((byte) '\n');
    }

    /** Every reply is an integer line {@code :<subscribers>}. */
    @Override
    public AckCounter ackCounter() {
        return new AckCounter() {
            private boolean lineStart = true;

            @Override
            public int count(byte[] buffer, int length) throws IOException {
                int replies = 0;
                for (int i = 0; i < length; i++) {
                    if (lineStart && buffer[i] != ':') {
                        throw new IOException("PUBLISH refused: "
                                + new String(buffer, i, Math.min(80, length - i), StandardCharsets.US_ASCII).strip());
                    }
                    lineStart = buffer[i] == '\n';
                    replies += lineStart ? 1 : 0;
                }
                return replies;
            }
        };
    }

    /**
     * Counts RESP lines and keeps only each message's payload line, handed over in place when a
     * read holds it whole; only a payload split between reads is copied.
     */
    @Override
    public FrameReader frameReader(PayloadSink sink, int maxPayloadBytes) {
        byte[] carried = new byte[maxPayloadBytes + 1];
        return new FrameReader() {
            private int line;
            private int carriedLength;

            @Override
            public void feed(byte[] buffer, int count) throws IOException {
                int at = 0;
                while (at < count) {
                    int newline = ByteScan.indexOf(buffer, at, count, (byte) '\n');
                    int stop = newline < 0 ? count : newline;
                    boolean payloadLine = line == MESSAGE_LINES - 1;
                    if (payloadLine && (newline < 0 || carriedLength > 0)) {
                        if (carriedLength + stop - at > carried.length) {
                            throw new IOException("a message longer than " + maxPayloadBytes + " bytes");
                        }
                        System.arraycopy(buffer, at, carried, carriedLength, stop - at);
                        carriedLength += stop - at;
                    }
                    if (newline < 0) {
                        return;
                    }
                    if (payloadLine) {
                        // without the CR before the LF
                        if (carriedLength > 0) {
                            sink.payload(carried, 0, carriedLength - 1);
                        } else {
                            sink.payload(buffer, at, newline - at - 1);
                        }
                        carriedLength = 0;
                    }
                    line = payloadLine ? 0 : line + 1;
                    at = newline + 1;
                }
            }
        };
    }
}
