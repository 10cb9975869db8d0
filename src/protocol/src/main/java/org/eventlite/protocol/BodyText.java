package org.eventlite.protocol;

import java.util.Arrays;

/**
 * The base64 text of one publish body as it arrived, line breaks and carriage returns left out.
 * When it is exactly the canonical encoding of the event's JSON (standard alphabet, padded, the
 * unused bits of the last group zero) it is the frame's text, and the event is not encoded again:
 * with 10 KiB events, encoding took a fifth of the I/O thread's time. A body that needs the
 * {@code "event"} member added, has white space around the object, or is encoded otherwise is
 * encoded as before.
 */
final class BodyText {

    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int INITIAL_CAPACITY = 256;
    /** As {@code BodyBuffer}'s retained capacity: the text of 64 KiB of JSON. */
    private static final int RETAINED_CAPACITY = 64 * 1024 / 3 * 4 + 4;

    /** The text of the largest event the body may hold, with one group to spare; beyond it, nothing is kept. */
    private final int maxCharacters;
    private byte[] characters = new byte[0];
    private int length;
    private boolean overflowed;

    BodyText(int maxEventBytes) {
        this.maxCharacters = (maxEventBytes + 2) / 3 * 4 + 4;
    }

    void append(byte[] source, int from, int to) {
        int count = to - from;
        if (!room(count)) {
            return;
        }
        System.arraycopy(source, from, characters, length, count);
        length += count;
    }

    void append(byte c) {
        if (room(1)) {
            characters[length++] = c;
        }
    }

    private boolean room(int count) {
        if (overflowed || length + count > maxCharacters) {
            overflowed = true;
            return false;
        }
        if (length + count > characters.length) {
            int capacity = Math.max(INITIAL_CAPACITY, Math.max(length + count, characters.length * 2));
            characters = Arrays.copyOf(characters, Math.min(maxCharacters, capacity));
        }
        return true;
    }

    /**
     * The frame for {@code json}, its bytes {@code [0, jsonLength)}: this text and the empty line,
     * if the text is the canonical base64 of exactly those bytes; otherwise empty. The text decoded
     * to these bytes, so whole groups match; only the last group can differ (missing padding, or
     * unused bits set), and it is compared with its canonical encoding.
     */
    java.util.Optional<byte[]> frameFor(byte[] json, int jsonLength) {
        if (overflowed || jsonLength == 0 || length != (jsonLength + 2) / 3 * 4) {
            return java.util.Optional.empty();
        }
        int lastGroup = (jsonLength - 1) / 3 * 3;
        int bits = (json[lastGroup] & 0xFF) << 16;
        bits |= lastGroup + 1 < jsonLength ? (json[lastGroup + 1] & 0xFF) << 8 : 0;
        bits |= lastGroup + 2 < jsonLength ? json[lastGroup + 2] & 0xFF : 0;
        int at = length - 4;
        if (characters[at] != BASE64[bits >>> 18]
                || characters[at + 1] != BASE64[(bits >>> 12) & 0x3F]
                || characters[at + 2] != (lastGroup + 1 < jsonLength ? BASE64[(bits >>> 6) & 0x3F] : '=')
                || characters[at + 3] != (lastGroup + 2 < jsonLength ? BASE64[bits & 0x3F] : '=')) {
            return java.util.Optional.empty();
        }
        byte[] frame = Arrays.copyOf(characters, length + 2);
        frame[length] = '\n';
        frame[length + 1] = '\n';
        return java.util.Optional.of(frame);
    }

    void reset() {
        if (characters.length > RETAINED_CAPACITY) {
            characters = new byte[RETAINED_CAPACITY];
        }
        length = 0;
        overflowed = false;
    }
}
