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
    /**
     * What a publisher's buffer keeps between bodies: a stream of 10 KiB events then grows it
     * once, not eight times per event, and a 1 MiB event starts from here. Idle and
     * subscriber-only connections never grow it past {@link #INITIAL_CAPACITY}.
     */
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private final int maxBytes;
    private final BodyText text;
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
        this.text = new BodyText(maxBytes);
    }

    /** A base64 character of the body that {@link #decodeGroups} did not take, for the body's text. */
    void keepCharacter(byte c) {
        text.append(c);
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

    /**
     * Decodes whole groups of four base64 data characters from {@code from} on, as many as
     * follow one another and fit under the size limit, straight into the array.
     * @return where it stopped: the first group holding anything else, or {@code to}
     */
    int decodeGroups(byte[] characters, int from, int to) {
        int groups = Math.min((to - from) / 4, (maxBytes - length) / 3);
        if (groups == 0) {
            return from;
        }
        int needed = length + groups * 3;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(needed, bytes.length * 2)));
        }
        int[] values = Base64Stream.DATA_VALUES;
        byte[] into = bytes;
        int at = from;
        int end = from + groups * 4;
        int written = length;
        while (at < end) {
            int a = values[characters[at] & 0xFF];
            int b = values[characters[at + 1] & 0xFF];
            int c = values[characters[at + 2] & 0xFF];
            int d = values[characters[at + 3] & 0xFF];
            if ((a | b | c | d) < 0) {
                break;
            }
            int group = a << 18 | b << 12 | c << 6 | d;
            into[written] = (byte) (group >> 16);
            into[written + 1] = (byte) (group >> 8);
            into[written + 2] = (byte) group;
            written += 3;
            at += 4;
        }
        length = written;
        text.append(characters, from, at);
        return at;
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

    /** The event's canonical JSON, with its frame made from the received text when the JSON begins the body. */
    EventJson toEventJson(String event) throws ProtocolException {
        EventJson json = JsonBody.canonical(event, bytes, 0, length);
        if (!json.begins(bytes, length)) {
            return json;
        }
        return text.frameFor(bytes, json.length()).map(json::withReceivedFrame).orElse(json);
    }

    void reset() {
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = new byte[RETAINED_CAPACITY];
        }
        text.reset();
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
