package org.eventlite.tools;

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
     * Skips each message's header lines and takes its payload by the length the last header
     * gives, handed over in place when a read holds it whole; only a payload split between
     * reads is copied.
     */
    @Override
    public FrameReader frameReader(PayloadSink sink, int maxPayloadBytes) {
        return new MessageReader(sink, maxPayloadBytes);
    }

    private static final class MessageReader implements FrameReader {

        private final PayloadSink sink;
        private final byte[] carried;
        /** Header line being read, 0 to {@link #MESSAGE_LINES} - 2; the payload after the last. */
        private int line;
        private boolean inPayload;
        /** The payload's length plus its CR LF, from the {@code $m} header. */
        private int payloadBytes;
        private int carriedLength;
        /** The digits of the {@code $m} header read so far. */
        private int declaredLength;

        MessageReader(PayloadSink sink, int maxPayloadBytes) {
            this.sink = sink;
            this.carried = new byte[maxPayloadBytes + 2];
        }

        @Override
        public void feed(byte[] buffer, int count) throws IOException {
            int at = 0;
            while (at < count) {
                at = inPayload ? payload(buffer, at, count) : header(buffer, at, count);
            }
        }

        private int header(byte[] buffer, int from, int count) throws IOException {
            boolean lengthLine = line == MESSAGE_LINES - 2;
            int at = from;
            while (at < count && buffer[at] != '\n') {
                if (lengthLine && buffer[at] >= '0' && buffer[at] <= '9') {
                    declaredLength = declaredLength * 10 + buffer[at] - '0';
                }
                at++;
            }
            if (at == count) {
                return count;
            }
            if (lengthLine) {
                if (declaredLength > carried.length - 2) {
                    throw new IOException("a message of " + declaredLength + " bytes, more than expected");
                }
                payloadBytes = declaredLength + 2;
                declaredLength = 0;
                inPayload = true;
                line = 0;
            } else {
                line++;
            }
            return at + 1;
        }

        private int payload(byte[] buffer, int from, int count) throws IOException {
            if (carriedLength == 0 && count - from >= payloadBytes) {
                deliver(buffer, from);
                return from + payloadBytes;
            }
            int take = Math.min(count - from, payloadBytes - carriedLength);
            System.arraycopy(buffer, from, carried, carriedLength, take);
            carriedLength += take;
            if (carriedLength == payloadBytes) {
                carriedLength = 0;
                deliver(carried, 0);
            }
            return from + take;
        }

        private void deliver(byte[] bytes, int offset) throws IOException {
            int end = offset + payloadBytes;
            if (bytes[end - 2] != '\r' || bytes[end - 1] != '\n') {
                throw new IOException("a message without CR LF after its payload");
            }
            inPayload = false;
            sink.payload(bytes, offset, payloadBytes - 2);
        }
    }
}
