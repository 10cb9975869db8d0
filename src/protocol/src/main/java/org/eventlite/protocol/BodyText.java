package org.eventlite.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The base64 text of one publish body as it arrived, line breaks and carriage returns left out.
 * When the event's canonical JSON is the start of what the body decoded to (the body names its
 * event and has no white space before the object; white space after it, like the Perl client's
 * final line feed, is fine), this text is most of the frame and the event is not encoded again:
 * with 10 KiB events, encoding took a fifth of the I/O thread's time. Other bodies are encoded.
 */
final class BodyText {

    private static final byte[] BASE64 = Base64Stream.ALPHABET;
    private static final int INITIAL_CAPACITY = 256;
    /** Shared until the first body: idle and subscriber-only connections never hold text. */
    private static final byte[] NO_CHARACTERS = new byte[0];

    /** The text of the largest event the body may hold, with one group to spare; beyond it, nothing is kept. */
    private final int maxCharacters;
    private final MemoryBudget budget;
    private byte[] characters = NO_CHARACTERS;
    /** Heap this text holds of {@link #budget}: its array beyond the initial capacity. */
    private long reserved;
    private int length;
    /** Characters of the last body's text, for sizing the next one's array. */
    private int lastLength;
    private boolean overflowed;

    BodyText(int maxEventBytes, MemoryBudget budget) {
        this.maxCharacters = (maxEventBytes + 2) / 3 * 4 + 4;
        this.budget = budget;
    }

    void append(byte[] source, int from, int to) throws ProtocolException {
        int count = to - from;
        if (!room(count)) {
            return;
        }
        System.arraycopy(source, from, characters, length, count);
        length += count;
    }

    void append(byte c) throws ProtocolException {
        if (room(1)) {
            characters[length++] = c;
        }
    }

    private boolean room(int count) throws ProtocolException {
        if (overflowed || length + count > maxCharacters) {
            overflowed = true;
            return false;
        }
        if (length + count > characters.length) {
            // At once the size of this connection's last text when that is more: one growth per large body.
            int capacity = Math.min(maxCharacters, Math.max(Math.max(INITIAL_CAPACITY, lastLength),
                    Math.max(length + count, characters.length * 2)));
            int more = capacity - Math.max(INITIAL_CAPACITY, characters.length);
            if (more > 0) {
                budget.reserveForRequest(more);
                reserved += more;
            }
            characters = Arrays.copyOf(characters, capacity);
        }
        return true;
    }

    /**
     * The frame for {@code json}, its bytes {@code [0, jsonLength)}, when they begin what this text
     * decoded to: the text of their whole groups of three, then the last one or two bytes encoded,
     * padded, then the empty line. Whole groups of four data characters stand for their three bytes
     * and nothing else, so those characters are the canonical encoding; only the last group, where
     * padding may be missing or unused bits set, or which white space after the object shares, is
     * encoded here.
     */
    java.util.Optional<ByteBuffer> frameFor(byte[] json, int jsonLength) {
        int whole = jsonLength / 3 * 4;
        if (overflowed || length < whole) {
            return java.util.Optional.empty();
        }
        int rest = jsonLength % 3;
        ByteBuffer frame = FrameCodec.allocate(whole + (rest == 0 ? 0 : 4) + 2);
        frame.put(characters, 0, whole);
        if (rest > 0) {
            int last = jsonLength - rest;
            int bits = (json[last] & 0xFF) << 16 | (rest == 2 ? (json[last + 1] & 0xFF) << 8 : 0);
            frame.put(BASE64[bits >>> 18]).put(BASE64[(bits >>> 12) & 0x3F])
                    .put(rest == 2 ? BASE64[(bits >>> 6) & 0x3F] : (byte) '=').put((byte) '=');
        }
        frame.put((byte) '\n').put((byte) '\n');
        return java.util.Optional.of(frame.flip());
    }

    void reset() {
        if (length > 0 && !overflowed) {
            lastLength = length;
        }
        length = 0;
        overflowed = false;
    }

    /** Gives a grown array back: the connection is idle or closing. A small one is kept, as the next body needs it. */
    void release() {
        if (characters.length > INITIAL_CAPACITY) {
            budget.release(reserved);
            reserved = 0;
            characters = NO_CHARACTERS;
        }
        length = 0;
        overflowed = false;
    }
}
