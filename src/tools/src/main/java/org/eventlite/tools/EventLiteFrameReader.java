package org.eventlite.tools;

import java.io.IOException;
import java.util.Arrays;
import org.eventlite.protocol.Base64Alphabet;

/**
 * Reads Event::Lite frames, {@code <base64>\n\n}, as they arrive, however TCP split them, and hands
 * each decoded payload to the sink.
 *
 * <p>Decoding every character would cost the generator more CPU than the server with large events,
 * on the cores it shares with the server, so a run would measure the generator. Benchmark events differ
 * from one another only in a few bytes (sequence number, send time). So the reader keeps the last
 * frame's text, with its decoded bytes, and compares each new frame with it, a vectorized compare:
 * a group of four base64 characters equal to the one at the same place decodes to the same three
 * bytes, which are still in place; only the groups that differ are decoded, and written into the
 * kept text. The sink still gets every byte of the payload, and checks them all.
 */
final class EventLiteFrameReader implements BenchWire.FrameReader {

    private static final int[] BASE64_VALUES = Base64Alphabet.values();

    private final BenchWire.PayloadSink sink;
    /** The bytes of {@link #text}: group g of the text decodes to bytes 3g to 3g + 2. */
    private final byte[] decoded;
    /** The last frame's characters, overwritten by this frame's where they differ. */
    private final byte[] text;
    private int textLength;
    private int textPadding;

    /** The frame being read: bytes decoded, characters seen, '=' seen, bits of a group split between reads. */
    private int length;
    private int characters;
    private int padding;
    private int bits;

    EventLiteFrameReader(BenchWire.PayloadSink sink, int maxPayloadBytes) {
        this.sink = sink;
        this.decoded = new byte[maxPayloadBytes + 3];
        this.text = new byte[(maxPayloadBytes + 2) / 3 * 4];
    }

    @Override
    public void feed(byte[] buffer, int count) throws IOException {
        int at = 0;
        while (at < count) {
            if ((characters & 3) == 0 && padding == 0) {
                int next = skipUnchanged(buffer, at, count);
                if (padding == 0) {
                    next = decodeChanged(buffer, next, count);
                }
                if (next > at) {
                    at = next;
                    continue;
                }
            }
            decodeCharacter(buffer[at++] & 0xFF);
        }
    }

    /** Skips the whole groups, from here on, equal to the last frame's at the same place. */
    private int skipUnchanged(byte[] buffer, int at, int count) {
        int comparable = Math.min(count - at, textLength - characters) & ~3;
        if (comparable <= 0) {
            return at;
        }
        int mismatch = Arrays.mismatch(buffer, at, at + comparable, text, characters, characters + comparable);
        int skipped = (mismatch < 0 ? comparable : mismatch) & ~3;
        characters += skipped;
        length += skipped / 4 * 3;
        if (characters == textLength) {
            padding = textPadding; // the last frame's final group, '=' and all
        }
        return at + skipped;
    }

    /**
     * Decodes whole groups of four data characters, one check for all four, up to a group equal to
     * the last frame's at the same place. @return where it stopped: such a group, a line feed,
     * padding, a group split between reads, or the end
     */
    private int decodeChanged(byte[] buffer, int from, int count) throws IOException {
        int at = from;
        int place = characters;
        int written = length;
        while (count - at >= 4) {
            if (place + 4 <= textLength && buffer[at] == text[place] && buffer[at + 1] == text[place + 1]
                    && buffer[at + 2] == text[place + 2] && buffer[at + 3] == text[place + 3]) {
                break;
            }
            int a = BASE64_VALUES[buffer[at] & 0xFF];
            int b = BASE64_VALUES[buffer[at + 1] & 0xFF];
            int c = BASE64_VALUES[buffer[at + 2] & 0xFF];
            int d = BASE64_VALUES[buffer[at + 3] & 0xFF];
            if ((a | b | c | d) < 0) {
                break;
            }
            if (written + 3 > decoded.length || place + 4 > text.length) {
                throw new IOException("a frame longer than " + (decoded.length - 3) + " bytes");
            }
            int group = a << 18 | b << 12 | c << 6 | d;
            decoded[written] = (byte) (group >> 16);
            decoded[written + 1] = (byte) (group >> 8);
            decoded[written + 2] = (byte) group;
            System.arraycopy(buffer, at, text, place, 4);
            written += 3;
            place += 4;
            at += 4;
        }
        characters = place;
        length = written;
        return at;
    }

    /** One character: line feeds, padding, groups split between reads. */
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
        if (characters == text.length) {
            throw new IOException("a frame longer than " + (decoded.length - 3) + " bytes");
        }
        text[characters] = (byte) c;
        bits = bits << 6 | value;
        if ((++characters & 3) == 0) {
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
        int payloadLength = length - padding;
        textLength = characters;
        textPadding = padding;
        length = 0;
        characters = 0;
        padding = 0;
        sink.payload(decoded, 0, payloadLength);
    }
}
