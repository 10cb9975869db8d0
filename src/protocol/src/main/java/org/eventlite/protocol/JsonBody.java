package org.eventlite.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Validates a publish body in one pass, without building a tree: strict JSON
 * (RFC 8259) in strict UTF-8, a single object, and the {@code "event"} rule.
 * Returns the canonical text: white space around the object dropped and the
 * {@code "event"} member added when absent, so every subscriber sees it.
 */
final class JsonBody {

    /** Deeper nesting is refused rather than risking the parser's stack. */
    static final int MAX_NESTING = 256;

    private static final byte[] EVENT_KEY = "event".getBytes(StandardCharsets.US_ASCII);
    /** Indexed by unsigned byte: stands for itself inside a string, with nothing more to check. */
    private static final boolean[] PLAIN_STRING_BYTE = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN_STRING_BYTE[b] = b != '"' && b != '\\';
        }
    }

    /** Eight string bytes at a time: a long string (10 KiB of text) is scanned a word per step. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EVERY_BYTE_ONE = 0x0101010101010101L;
    private static final long EVERY_BYTE_HIGH_BIT = 0x8080808080808080L;

    private final byte[] text;
    private final int end;
    private int pos;
    private boolean eventMemberSeen;
    private final String event;

    private JsonBody(String event, byte[] text, int start, int end) {
        this.event = event;
        this.text = text;
        this.pos = start;
        this.end = end;
    }

    static EventJson canonical(String event, byte[] text, int start, int end) throws ProtocolException {
        return new JsonBody(event, text, start, end).canonical();
    }

    private EventJson canonical() throws ProtocolException {
        skipWhitespace();
        if (pos >= end || text[pos] != '{') {
            throw new ProtocolException(ErrorCode.NOT_AN_OBJECT);
        }
        int objectStart = pos;
        object(1);
        int objectEnd = pos;
        skipWhitespace();
        if (pos != end) {
            throw invalid("text after the object");
        }
        if (eventMemberSeen) {
            byte[] copy = new byte[objectEnd - objectStart];
            System.arraycopy(text, objectStart, copy, 0, copy.length);
            return EventJson.wrap(copy);
        }
        return EventJson.wrap(withEventMember(objectStart, objectEnd));
    }

    private byte[] withEventMember(int objectStart, int objectEnd) {
        byte[] member = ("\"event\":" + quoted(event)).getBytes(StandardCharsets.UTF_8);
        boolean empty = isEmptyObject(objectStart, objectEnd);
        int restStart = objectStart + 1;
        int restLength = empty ? 1 : objectEnd - restStart;
        byte[] out = new byte[1 + member.length + (empty ? 0 : 1) + restLength];
        int at = 0;
        out[at++] = '{';
        System.arraycopy(member, 0, out, at, member.length);
        at += member.length;
        if (empty) {
            out[at] = '}';
        } else {
            out[at++] = ',';
            System.arraycopy(text, restStart, out, at, restLength);
        }
        return out;
    }

    private boolean isEmptyObject(int objectStart, int objectEnd) {
        for (int i = objectStart + 1; i < objectEnd - 1; i++) {
            if (!isWhitespace(text[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if none of the eight bytes needs a look: each is printable ASCII, neither quote nor
     * backslash. The tests for "a byte below 0x20" and "a zero byte" (after XOR with quote or
     * backslash) flag the lowest such byte exactly and may flag bytes above it too; a word with
     * any flag goes to the byte loop, which decides. Bytes of 0x80 and above are flagged by their
     * own high bit.
     */
    static boolean isPlainWord(long word) {
        long control = (word - 0x20 * EVERY_BYTE_ONE) & ~word;
        long quote = word ^ ('"' * EVERY_BYTE_ONE);
        long backslash = word ^ ('\\' * EVERY_BYTE_ONE);
        long flags = control | ((quote - EVERY_BYTE_ONE) & ~quote) | ((backslash - EVERY_BYTE_ONE) & ~backslash) | word;
        return (flags & EVERY_BYTE_HIGH_BIT) == 0;
    }

    /** Event names hold no control bytes, so escaping quote and backslash suffices. */
    private static String quoted(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private void value(int depth) throws ProtocolException {
        if (pos >= end) {
            throw invalid("unexpected end");
        }
        switch (text[pos]) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string(false);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object(int depth) throws ProtocolException {
        checkDepth(depth);
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw invalid("expected a member name");
            }
            boolean isEventKey = string(depth == 1);
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (isEventKey) {
                eventMemberValue();
            } else {
                value(depth);
            }
            skipWhitespace();
            byte next = peek();
            pos++;
            if (next == '}') {
                return;
            }
            if (next != ',') {
                throw invalid("expected ',' or '}'");
            }
        }
    }

    private void eventMemberValue() throws ProtocolException {
        eventMemberSeen = true;
        if (peek() != '"') {
            throw new ProtocolException(ErrorCode.EVENT_NAME_MISMATCH);
        }
        int start = pos;
        string(false);
        if (!namesEvent(start + 1, pos - 1)) {
            throw new ProtocolException(ErrorCode.EVENT_NAME_MISMATCH,
                    "the \"event\" member does not match the request's event name");
        }
    }

    /**
     * Whether the raw string between {@code start} and {@code stop} is the request's event name.
     * Most are plain ASCII without escapes and are compared in place; others are decoded first.
     */
    private boolean namesEvent(int start, int stop) {
        if (stop - start == event.length()) {
            boolean plain = true;
            boolean same = true;
            for (int i = start; i < stop && plain; i++) {
                byte b = text[i];
                plain = b >= 0 && b != '\\';
                same &= b == event.charAt(i - start);
            }
            if (plain) {
                return same;
            }
        }
        return decodeString(start, stop).equals(event);
    }

    private void array(int depth) throws ProtocolException {
        checkDepth(depth);
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            value(depth);
            skipWhitespace();
            byte next = peek();
            pos++;
            if (next == ']') {
                return;
            }
            if (next != ',') {
                throw invalid("expected ',' or ']'");
            }
        }
    }

    /**
     * Scans a string starting at the opening quote. With {@code checkEventKey},
     * returns whether the string is exactly the key {@code event} (escapes decoded).
     */
    private boolean string(boolean checkEventKey) throws ProtocolException {
        int start = ++pos;
        boolean escaped = false;
        while (true) {
            while (end - pos >= Long.BYTES && isPlainWord((long) WORDS.get(text, pos))) {
                pos += Long.BYTES;
            }
            while (pos < end && PLAIN_STRING_BYTE[text[pos] & 0xFF]) {
                pos++; // the common run: printable ASCII other than quote and backslash
            }
            if (pos >= end) {
                throw invalid("unterminated string");
            }
            int b = text[pos] & 0xFF;
            if (b == '"') {
                pos++;
                break;
            }
            if (b == '\\') {
                escaped = true;
                escape();
            } else if (b < 0x20) {
                throw invalid("control character in a string");
            } else if (b >= 0x80) {
                utf8Sequence(b);
            } else {
                pos++;
            }
        }
        if (!checkEventKey) {
            return false;
        }
        int stop = pos - 1;
        if (!escaped) {
            return stop - start == EVENT_KEY.length
                    && java.util.Arrays.equals(text, start, stop, EVENT_KEY, 0, EVENT_KEY.length);
        }
        return "event".equals(decodeString(start, stop));
    }

    private void escape() throws ProtocolException {
        pos++;
        if (pos >= end) {
            throw invalid("unterminated escape");
        }
        byte e = text[pos];
        switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> pos++;
            case 'u' -> {
                if (pos + 4 >= end) {
                    throw invalid("short \\u escape");
                }
                for (int i = 1; i <= 4; i++) {
                    if (Character.digit(text[pos + i], 16) < 0) {
                        throw invalid("bad \\u escape");
                    }
                }
                pos += 5;
            }
            default -> throw invalid("unknown escape");
        }
    }

    /** Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private void utf8Sequence(int lead) throws ProtocolException {
        int length;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            throw new ProtocolException(ErrorCode.INVALID_UTF8);
        }
        if (pos + length > end) {
            throw new ProtocolException(ErrorCode.INVALID_UTF8);
        }
        int codePoint = lead & (0xFF >> (length + 1));
        for (int i = 1; i < length; i++) {
            int b = text[pos + i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                throw new ProtocolException(ErrorCode.INVALID_UTF8);
            }
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            throw new ProtocolException(ErrorCode.INVALID_UTF8);
        }
        pos += length;
    }

    private void literal(String word) throws ProtocolException {
        int length = word.length();
        if (pos + length > end) {
            throw invalid("unexpected end");
        }
        for (int i = 0; i < length; i++) {
            if (text[pos + i] != word.charAt(i)) {
                throw invalid("unknown literal");
            }
        }
        pos += length;
    }

    private void number() throws ProtocolException {
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw invalid("unexpected character");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw invalid("digit expected after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw invalid("digit expected in exponent");
            }
            digits();
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private String decodeString(int start, int stop) {
        StringBuilder out = new StringBuilder(stop - start);
        String raw = new String(text, start, stop - start, StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private void checkDepth(int depth) throws ProtocolException {
        if (depth > MAX_NESTING) {
            throw invalid("nested deeper than " + MAX_NESTING);
        }
    }

    private void expect(char c) throws ProtocolException {
        if (peek() != c) {
            throw invalid("expected '" + c + "'");
        }
        pos++;
    }

    private byte peek() {
        return pos < end ? text[pos] : 0;
    }

    private void skipWhitespace() {
        while (pos < end && isWhitespace(text[pos])) {
            pos++;
        }
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private ProtocolException invalid(String detail) {
        return new ProtocolException(ErrorCode.INVALID_JSON, detail + " at byte " + pos);
    }
}
