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
    private final MemoryBudget budget;
    private final BodyText text;
    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;
    /** Bytes of the last body this connection sent, for sizing the next one's array. */
    private int lastBodyLength;
    /** Bytes the structure watch has seen. */
    private int tracked;
    /** Heap this buffer holds of {@link #budget}: its array beyond the initial capacity. */
    private long reserved;
    /**
     * The body of a denied request: its bytes are decoded, watched and dropped, so that its end
     * is found and its size bounded while it costs no more than the initial array.
     */
    private boolean discarding;
    /** Bytes of a discarded body already dropped. */
    private int discarded;

    private boolean started;
    private int depth;
    private boolean inString;
    private boolean escaping;
    private boolean closed;
    private boolean textAfterClose;

    BodyBuffer(int maxBytes, MemoryBudget budget) {
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.text = new BodyText(maxBytes, budget);
    }

    /** A base64 character of the body that {@link #decodeGroups} did not take, for the body's text. */
    void keepCharacter(byte c) throws ProtocolException {
        if (!discarding) {
            text.append(c);
        }
    }

    @Override
    public void write(int b) throws ProtocolException {
        if (length + discarded == maxBytes) {
            throw new ProtocolException(ErrorCode.EVENT_TOO_LARGE,
                    "the event is larger than " + maxBytes + " bytes");
        }
        if (length == bytes.length) {
            if (discarding) {
                drop();
            } else {
                grow(length + 1);
            }
        }
        bytes[length++] = (byte) b;
    }

    /** Discarding: watches the bytes decoded so far, then forgets them. */
    private void drop() throws ProtocolException {
        while (tracked < length) {
            track(bytes[tracked++]);
        }
        discarded += length;
        length = 0;
        tracked = 0;
    }

    /**
     * Makes room for {@code needed} bytes: twice the array, or at once the size of this
     * connection's last body when that is more, so that a publisher of large events grows each
     * body's array once, not a dozen times.
     */
    private void grow(int needed) throws ProtocolException {
        int capacity = Math.min(maxBytes, Math.max(needed, Math.max(bytes.length * 2, lastBodyLength)));
        long more = capacity - bytes.length;
        budget.reserveForRequest(more);
        reserved += more;
        bytes = Arrays.copyOf(bytes, capacity);
    }

    /**
     * Decodes whole groups of four base64 data characters from {@code from} on, as many as
     * follow one another and fit under the size limit, straight into the array.
     * @return where it stopped: the first group holding anything else, or {@code to}
     */
    int decodeGroups(byte[] characters, int from, int to) throws ProtocolException {
        if (discarding && bytes.length - length < 3) {
            drop();
        }
        int groups = Math.min((to - from) / 4, (maxBytes - length - discarded) / 3);
        if (discarding) {
            groups = Math.min(groups, (bytes.length - length) / 3);
        }
        if (groups == 0) {
            return from;
        }
        int needed = length + groups * 3;
        if (needed > bytes.length) {
            grow(needed);
        }
        int at = from + Base64Groups.decode(characters, from, groups, bytes, length) * 4;
        length += (at - from) / 4 * 3;
        if (!discarding) {
            text.append(characters, from, at);
        }
        return at;
    }

    @Override
    public void write3(int bits) throws ProtocolException {
        if (length + discarded + 3 > maxBytes || length + 3 > bytes.length) {
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

    /**
     * The bytes so far cannot be one whole object followed by white space, at a glance: the last
     * is neither {@code '}'} nor white space. False when it cannot tell (nothing decoded, or a
     * discarded body's bytes dropped).
     */
    boolean certainlyIncomplete() {
        if (discarding || length == 0) {
            return false;
        }
        byte last = bytes[length - 1];
        return last != '}' && !JsonBody.isWhitespace(last);
    }

    boolean isEmpty() {
        return length == 0 && discarded == 0;
    }

    /**
     * The event's canonical JSON, with its frame made from the received text when the JSON begins
     * the body. The limit holds for the JSON as delivered, the {@code "event"} member the server
     * adds included, so that every client configured with the same limit reads every frame.
     */
    EventJson toEventJson(String event) throws ProtocolException {
        EventJson json = EventJson.within(JsonBody.canonical(event, bytes, 0, length), maxBytes);
        if (!json.begins(bytes, length)) {
            return json;
        }
        return text.frameFor(bytes, json.length()).map(json::withReceivedFrame).orElse(json);
    }

    /** The publish was denied: this body is read to its end and dropped. */
    boolean discarding() {
        return discarding;
    }

    /** Starts a body; a discarded one is read to its end and dropped as it comes. */
    void reset(boolean discard) {
        reset();
        discarding = discard;
    }

    /**
     * Ready for the next body, keeping the arrays a stream of large events grew to. {@link #release}
     * gives them back when the sender pauses.
     */
    void reset() {
        if (length > 0 && !discarding) {
            lastBodyLength = length;
        }
        text.reset();
        length = 0;
        tracked = 0;
        discarded = 0;
        discarding = false;
        started = false;
        depth = 0;
        inString = false;
        escaping = false;
        closed = false;
        textAfterClose = false;
    }

    /** Between requests, with nothing more to read: an idle connection holds only the initial arrays. */
    void release() {
        if (bytes.length > INITIAL_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
            budget.release(reserved);
            reserved = 0;
        }
        text.release();
    }
}
