package org.eventlite.protocol;

/**
 * Decodes MIME-style base64 a character at a time, so a body is decoded once
 * as it arrives rather than again per line. Standard alphabet; padding may
 * only close the body.
 */
final class Base64Stream {

    static final byte[] ALPHABET = Base64Alphabet.characters();

    /** Indexed by unsigned byte: one load per byte on the body's hot path. */
    private static final boolean[] BASE64_CHARS = new boolean[256];
    /** Indexed by unsigned byte: the value of a data character, -1 for anything else ('=', CR, LF...). */
    static final int[] DATA_VALUES = Base64Alphabet.values();

    static {
        for (byte character : ALPHABET) {
            BASE64_CHARS[character] = true;
        }
        BASE64_CHARS['='] = true;
    }

    /** Receives decoded bytes. */
    interface Output {
        void write(int b) throws ProtocolException;

        /** Three decoded bytes at once, packed big-endian in the low 24 bits. */
        default void write3(int bits) throws ProtocolException {
            write((bits >> 16) & 0xFF);
            write((bits >> 8) & 0xFF);
            write(bits & 0xFF);
        }
    }

    private int bits;
    private int count;
    private int padding;
    /** A padded group ended the data; only the end of the body may follow. */
    private boolean closed;

    static boolean isBase64Char(byte b) {
        return BASE64_CHARS[b & 0xFF];
    }

    /**
     * Decodes a run of characters, CRs skipped, up to a line feed, which it leaves
     * unread: one pass over a long line rather than a search for its end and then a
     * decode. The common case, whole groups of four data characters, is decoded by
     * the body buffer straight into its array; groups split by a line break or a
     * read, padding and errors go through {@link #accept} a character at a time.
     * @return the index of the line feed, or {@code to}
     */
    int decode(byte[] characters, int from, int to, BodyBuffer out) throws ProtocolException {
        for (int i = from; i < to; i++) {
            if (count == 0 && padding == 0 && !closed) {
                i = out.decodeGroups(characters, i, to);
                if (i == to) {
                    return to;
                }
            }
            byte c = characters[i];
            if (c == '\n') {
                return i;
            }
            int value = DATA_VALUES[c & 0xFF];
            if (value < 0 || padding > 0 || closed) {
                if (c != '\r') {
                    out.keepCharacter(c);
                    accept(c, out);
                }
                continue;
            }
            out.keepCharacter(c);
            bits = (bits << 6) | value;
            if (++count == 4) {
                out.write3(bits);
                bits = 0;
                count = 0;
            }
        }
        return to;
    }

    void accept(byte c, Output out) throws ProtocolException {
        if (c == '=') {
            if (count < 2 || count + padding >= 4) {
                throw new ProtocolException(ErrorCode.INVALID_BASE64, "misplaced padding");
            }
            padding++;
            if (count + padding == 4) {
                flushPartial(out);
            }
            return;
        }
        int value = DATA_VALUES[c & 0xFF];
        if (value < 0) {
            throw new ProtocolException(ErrorCode.INVALID_BASE64, "not a base64 character: 0x" + Integer.toHexString(c & 0xFF));
        }
        if (padding > 0 || closed) {
            throw new ProtocolException(ErrorCode.INVALID_BASE64, "data after padding");
        }
        bits = (bits << 6) | value;
        if (++count == 4) {
            out.write3(bits);
            bits = 0;
            count = 0;
        }
    }

    private void flushPartial(Output out) throws ProtocolException {
        if (count == 2) {
            out.write((bits >> 4) & 0xFF);
        } else if (count == 3) {
            out.write((bits >> 10) & 0xFF);
            out.write((bits >> 2) & 0xFF);
        }
        count = 0;
        padding = 0;
        bits = 0;
        closed = true;
    }

    /** True when no characters wait for the rest of their 4-character group. */
    boolean aligned() {
        return count == 0 && padding == 0;
    }

    /** Ends the body; an unpadded final group of 2 or 3 characters is accepted. */
    void finish(Output out) throws ProtocolException {
        if (padding > 0 || count == 1) {
            throw new ProtocolException(ErrorCode.INVALID_BASE64, "truncated final group");
        }
        if (count > 0) {
            flushPartial(out);
        }
        reset();
    }

    void reset() {
        bits = 0;
        count = 0;
        padding = 0;
        closed = false;
    }
}
