package org.eventlite.protocol;

import java.util.Arrays;

/**
 * The decoded bytes of one publish body, bounded by the event size limit, and
 * an incremental watch on its JSON structure: it tells, without parsing again,
 * whether the bytes so far form one complete object (the end of a Perl body,
 * which has no terminator) and fails when the text cannot be an object. The
 * watch runs only when asked, over the bytes added since it last ran: a body
 * that ends with an empty line never needs it.
 */
final class BodyBuffer implements Base64Stream.Output {

    private static final int INITIAL_CAPACITY = 256;

    private final int maxBytes;
    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;
    /** Bytes the structure watch has seen. */
    private int tracked;

    private boolean started;
    private int depth;
    private boolean inString;
    private boolean escaping;
    private boolean closed;
    private boolean textAfterClose;

    BodyBuffer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void write(int b) throws ProtocolException {
        if (length == maxBytes) {
            throw new ProtocolException(ErrorCode.EVENT_TOO_LARGE,
                    "the event is larger than " + maxBytes + " bytes");
        }
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(maxBytes, bytes.length * 2));
        }
        bytes[length++] = (byte) b;
    }

    @Override
    public void write3(int bits) throws ProtocolException {
        if (length + 3 > maxBytes || length + 3 > bytes.length) {
            Base64Stream.Output.super.write3(bits);
            return;
        }
        bytes[length] = (byte) (bits >> 16);
        bytes[length + 1] = (byte) (bits >> 8);
        bytes[length + 2] = (byte) bits;
        length += 3;
    }

    private void track(byte b) throws ProtocolException {
        if (closed) {
            textAfterClose |= !JsonBody.isWhitespace(b);
        } else if (!started) {
            if (b == '{') {
                started = true;
                depth = 1;
            } else if (!JsonBody.isWhitespace(b)) {
                throw new ProtocolException(ErrorCode.NOT_AN_OBJECT);
            }
        } else if (inString) {
            if (escaping) {
                escaping = false;
            } else if (b == '\\') {
                escaping = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if (b == '}' || b == ']') {
            closed = --depth == 0;
        }
    }

    /** The bytes so far look like one whole object followed by nothing but white space. */
    boolean holdsCompleteObject() throws ProtocolException {
        while (tracked < length) {
            track(bytes[tracked++]);
        }
        return closed && !textAfterClose;
    }

    boolean isEmpty() {
        return length == 0;
    }

    EventJson toEventJson(String event) throws ProtocolException {
        return JsonBody.canonical(event, bytes, 0, length);
    }

    void reset() {
        if (bytes.length > INITIAL_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
        }
        length = 0;
        tracked = 0;
        started = false;
        depth = 0;
        inString = false;
        escaping = false;
        closed = false;
        textAfterClose = false;
    }
}
