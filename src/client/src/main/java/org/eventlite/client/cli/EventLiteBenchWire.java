package org.eventlite.client.cli;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The Event::Lite protocol for the load generator: base64 bodies, {@code ok} replies, frames ending in an empty line. */
final class EventLiteBenchWire implements BenchWire {

    private static final int[] BASE64_VALUES = new int[256];

    static {
        java.util.Arrays.fill(BASE64_VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_VALUES[alphabet.charAt(i)] = i;
        }
    }

    private static final byte[] TERMINATOR = {'\n', '\n'};

    private final byte[] publishLine;

    EventLiteBenchWire(String event) {
        this.publishLine = ("publish/" + event + ":|\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void subscribe(Socket socket, String event) throws IOException {
        socket.getOutputStream().write(("subscribe/" + event + ":|\n").getBytes(StandardCharsets.UTF_8));
        String reply = new String(socket.getInputStream().readNBytes(2), StandardCharsets.US_ASCII);
        if (!reply.equals("ok")) {
            throw new IOException("subscribe refused: " + reply);
        }
    }

    @Override
    public void appendPublish(ByteSink out, byte[] json, int length) {
        out.append(publishLine).appendBase64(json, 0, length).append(TERMINATOR);
    }

    /** Every reply is {@code ok}; anything else is an error reply. */
    @Override
    public AckCounter ackCounter() {
        return (buffer, length) -> {
            int replies = 0;
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                if (b == 'k') {
                    replies++;
                } else if (b != 'o') {
                    throw new IOException("publish refused: "
                            + new String(buffer, i, Math.min(80, length - i), StandardCharsets.US_ASCII).strip());
                }
            }
            return replies;
        };
    }

    /** Decodes each frame's base64 as it arrives into one reused array. */
    @Override
    public FrameReader frameReader(PayloadSink sink, int maxPayloadBytes) {
        return new FrameDecoder(sink, maxPayloadBytes);
    }

    /** Frames are {@code <base64>\n\n}, decoded as they arrive, whole groups at a time where possible. */
    private static final class FrameDecoder implements FrameReader {

        private final PayloadSink sink;
        private final byte[] decoded;
        private int length;
        private int bits;
        private int characters;
        private int padding;

        FrameDecoder(PayloadSink sink, int maxPayloadBytes) {
            this.sink = sink;
            this.decoded = new byte[maxPayloadBytes + 3];
        }

        @Override
        public void feed(byte[] buffer, int count) throws IOException {
            int at = 0;
            while (at < count) {
                at = decodeQuads(buffer, at, count);
                if (at < count) {
                    decodeCharacter(buffer[at++] & 0xFF);
                }
            }
        }

        /**
         * The fast path: four data characters at a time, one check for all four, while
         * the frame is on a group boundary. @return where it stopped: a line feed,
         * padding, a group split between reads, or the end
         */
        private int decodeQuads(byte[] buffer, int from, int count) throws IOException {
            if ((characters & 3) != 0 || padding > 0) {
                return from;
            }
            int at = from;
            int length = this.length;
            while (count - at >= 4) {
                int a = BASE64_VALUES[buffer[at] & 0xFF];
                int b = BASE64_VALUES[buffer[at + 1] & 0xFF];
                int c = BASE64_VALUES[buffer[at + 2] & 0xFF];
                int d = BASE64_VALUES[buffer[at + 3] & 0xFF];
                if ((a | b | c | d) < 0) {
                    break;
                }
                if (length + 3 > decoded.length) {
                    throw new IOException("a frame longer than " + (decoded.length - 3) + " bytes");
                }
                int group = a << 18 | b << 12 | c << 6 | d;
                decoded[length] = (byte) (group >> 16);
                decoded[length + 1] = (byte) (group >> 8);
                decoded[length + 2] = (byte) group;
                length += 3;
                at += 4;
            }
            characters += (at - from);
            this.length = length;
            return at;
        }

        /** The slow path, one character: line feeds, padding and groups split between reads. */
        private void decodeCharacter(int c) throws IOException {
            if (c == '\n') {
                frameLineEnded();
                return;
            }
            int value = BASE64_VALUES[c];
            if (value < 0) {
                if (c != '=') {
                    throw new IOException("corrupt frame: byte 0x" + Integer.toHexString(c));
                }
                value = 0;
                padding++;
            } else if (padding > 0) {
                throw new IOException("corrupt frame: data after padding");
            }
            bits = bits << 6 | value;
            if ((++characters & 3) == 0) {
                if (length + 3 > decoded.length) {
                    throw new IOException("a frame longer than " + (decoded.length - 3) + " bytes");
                }
                decoded[length] = (byte) (bits >> 16);
                decoded[length + 1] = (byte) (bits >> 8);
                decoded[length + 2] = (byte) bits;
                length += 3;
                bits = 0;
            }
        }

        private void frameLineEnded() throws IOException {
            if (characters == 0) {
                return; // the empty line after a frame
            }
            if ((characters & 3) != 0 || padding > 2) {
                throw new IOException("corrupt frame: " + characters + " base64 characters");
            }
            int payload = length - padding;
            length = 0;
            characters = 0;
            padding = 0;
            sink.payload(decoded, 0, payload);
        }
    }
}
