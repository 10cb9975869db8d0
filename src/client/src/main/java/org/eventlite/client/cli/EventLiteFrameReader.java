package org.eventlite.client.cli;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads Event::Lite frames, {@code <base64>\n\n}, as they arrive, however TCP split them, and hands
 * each decoded payload to the sink.
 *
 * <p>Decoding every character cost the generator three times the server's CPU with 10 KiB events (it
 * shares the two cores with the server, so the run measured the generator). Benchmark events differ
 * only in their first bytes (publisher, sequence number, time); the rest is the same padding in every
 * event. So the reader decodes the first {@link #DECODED_PREFIX_CHARACTERS} characters of a frame and
 * compares the rest with the previous frame's text, a vectorized compare. Where they are equal the
 * decoded bytes are equal too (the prefix ends on a group boundary, and base64 decodes each group of
 * four alone), and the previous frame's bytes are still in place. At the first difference the reader
 * decodes the matched part and the rest of the frame. Either way the sink gets every byte of the
 * payload, and checks them all.
 */
final class EventLiteFrameReader implements BenchWire.FrameReader {

    /** A multiple of 4; 96 decoded bytes hold a benchmark event's varying head. */
    static final int DECODED_PREFIX_CHARACTERS = 128;

    private static final int[] BASE64_VALUES = new int[256];

    static {
        Arrays.fill(BASE64_VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_VALUES[alphabet.charAt(i)] = i;
        }
    }

    private final BenchWire.PayloadSink sink;
    private final byte[] decoded;

    /** The frame being read: bytes decoded, characters seen, '=' seen, bits of a group split between reads. */
    private int length;
    private int characters;
    private int padding;
    private int bits;

    /** The last decoded frame's characters after the prefix; {@link #decoded} holds their bytes. */
    private byte[] previousText;
    private int previousTextLength = -1;
    private int previousPayloadLength;
    /** This frame's characters after the prefix, as they are decoded: the next frame's {@link #previousText}. */
    private byte[] text;
    private int textLength;

    private boolean comparing;
    private boolean comparedThisFrame;
    private int matched;

    EventLiteFrameReader(BenchWire.PayloadSink sink, int maxPayloadBytes) {
        this.sink = sink;
        this.decoded = new byte[maxPayloadBytes + 3];
        int maxCharacters = (maxPayloadBytes + 2) / 3 * 4;
        this.previousText = new byte[maxCharacters];
        this.text = new byte[maxCharacters];
    }

    @Override
    public void feed(byte[] buffer, int count) throws IOException {
        int at = 0;
        while (at < count) {
            at = comparing ? compare(buffer, at, count) : decode(buffer, at, count);
        }
    }

    /** Decodes up to the end of the prefix, or of the buffer; at the prefix's end, starts comparing. */
    private int decode(byte[] buffer, int from, int count) throws IOException {
        boolean inPrefix = characters < DECODED_PREFIX_CHARACTERS;
        int to = inPrefix ? Math.min(count, from + DECODED_PREFIX_CHARACTERS - characters) : count;
        int at = decodeQuads(buffer, from, to);
        int single = at < to ? buffer[at] & 0xFF : -1;
        if (!inPrefix) {
            record(buffer, from, single >= 0 && single != '\n' ? at + 1 : at);
        }
        if (single >= 0) {
            at++;
            decodeCharacter(single);
        }
        if (characters == DECODED_PREFIX_CHARACTERS && previousTextLength >= 0 && !comparedThisFrame) {
            comparing = true;
            comparedThisFrame = true;
            matched = 0;
        }
        return at;
    }

    private int compare(byte[] buffer, int from, int count) throws IOException {
        int take = Math.min(count - from, previousTextLength - matched);
        int mismatch = Arrays.mismatch(buffer, from, from + take, previousText, matched, matched + take);
        if (mismatch >= 0) {
            matched += mismatch;
            return decodeMatched(from + mismatch);
        }
        matched += take;
        int at = from + take;
        if (matched < previousTextLength || at == count) {
            return at;
        }
        if (buffer[at] != '\n') {
            return decodeMatched(at);
        }
        comparing = false;
        endFrame(previousPayloadLength);
        return at + 1;
    }

    /** The frame departs from the previous one here: decodes what matched, then goes on decoding. */
    private int decodeMatched(int at) throws IOException {
        comparing = false;
        int from = 0;
        while (from < matched) {
            from = decode(previousText, from, matched);
        }
        return at;
    }

    /** Whole groups of four data characters, one check for all four, while the frame is on a group boundary. */
    private int decodeQuads(byte[] buffer, int from, int to) throws IOException {
        if ((characters & 3) != 0 || padding > 0) {
            return from;
        }
        int at = from;
        int written = length;
        while (to - at >= 4) {
            int a = BASE64_VALUES[buffer[at] & 0xFF];
            int b = BASE64_VALUES[buffer[at + 1] & 0xFF];
            int c = BASE64_VALUES[buffer[at + 2] & 0xFF];
            int d = BASE64_VALUES[buffer[at + 3] & 0xFF];
            if ((a | b | c | d) < 0) {
                break;
            }
            if (written + 3 > decoded.length) {
                throw new IOException("a frame longer than " + (decoded.length - 3) + " bytes");
            }
            int group = a << 18 | b << 12 | c << 6 | d;
            decoded[written] = (byte) (group >> 16);
            decoded[written + 1] = (byte) (group >> 8);
            decoded[written + 2] = (byte) group;
            written += 3;
            at += 4;
        }
        characters += at - from;
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

    /** Keeps the characters after the prefix, for the next frame to compare with. */
    private void record(byte[] buffer, int from, int to) throws IOException {
        if (textLength + to - from > text.length) {
            throw new IOException("a frame longer than " + (decoded.length - 3) + " bytes");
        }
        System.arraycopy(buffer, from, text, textLength, to - from);
        textLength += to - from;
    }

    private void frameLineEnded() throws IOException {
        if (characters == 0) {
            return; // the empty line after a frame
        }
        if ((characters & 3) != 0 || padding > 2) {
            throw new IOException("corrupt frame: " + characters + " base64 characters");
        }
        int payloadLength = length - padding;
        if (characters > DECODED_PREFIX_CHARACTERS) {
            byte[] swap = previousText;
            previousText = text;
            text = swap;
            previousTextLength = textLength;
            previousPayloadLength = payloadLength;
        }
        endFrame(payloadLength);
    }

    private void endFrame(int payloadLength) throws IOException {
        length = 0;
        characters = 0;
        padding = 0;
        textLength = 0;
        comparedThisFrame = false;
        sink.payload(decoded, 0, payloadLength);
    }
}
