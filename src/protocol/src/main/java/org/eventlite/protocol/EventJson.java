package org.eventlite.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The UTF-8 text of one event: a valid JSON object that starts with <code>{</code>
 * and carries an {@code "event"} member naming the event. Its JSON is immutable: the bytes
 * are never exposed, only copied or encoded. The frame made from a publisher's body, if any,
 * goes once to the first frame made of the event (thread-safe).
 */
public final class EventJson {

    private static final AtomicReferenceFieldUpdater<EventJson, ByteBuffer> RECEIVED_FRAME =
            AtomicReferenceFieldUpdater.newUpdater(EventJson.class, ByteBuffer.class, "receivedFrame");

    private final byte[] utf8;
    /**
     * The frame, made from the publisher's base64 text when the JSON began the body, until the
     * first frame made of this event takes it; null when the frame must be encoded. Not part of
     * equality: the same JSON.
     */
    private volatile ByteBuffer receivedFrame;

    private EventJson(byte[] utf8, ByteBuffer receivedFrame) {
        this.utf8 = utf8;
        this.receivedFrame = receivedFrame;
    }

    /**
     * Checks {@code text} as a publish body for {@code event} and returns it in
     * canonical form (surrounding white space dropped, {@code "event"} member
     * added when absent).
     *
     * @throws ProtocolException with the catalogue code of the first problem found
     */
    public static EventJson of(String event, byte[] text) throws ProtocolException {
        return JsonBody.canonical(event, text, 0, text.length);
    }

    /**
     * As {@link #of(String, byte[])}, within a size limit that holds for the event as delivered,
     * the {@code "event"} member the server adds included, so that every client configured with
     * the same limit reads every event.
     *
     * @throws ProtocolException {@code event-too-large} past {@code maxBytes}, or the first problem found
     */
    public static EventJson of(String event, byte[] text, int maxBytes) throws ProtocolException {
        if (text.length > maxBytes) {
            throw new ProtocolException(ErrorCode.EVENT_TOO_LARGE, "the event is larger than " + maxBytes + " bytes");
        }
        return within(of(event, text), maxBytes);
    }

    /** {@code json} if it is at most {@code maxBytes} as delivered. */
    static EventJson within(EventJson json, int maxBytes) throws ProtocolException {
        if (json.length() > maxBytes) {
            throw new ProtocolException(ErrorCode.EVENT_TOO_LARGE, "the event, with its \"event\" member, is "
                    + json.length() + " bytes; the limit is " + maxBytes);
        }
        return json;
    }

    static EventJson wrap(byte[] canonicalUtf8) {
        return new EventJson(canonicalUtf8, null);
    }

    /** The same JSON, with the frame made from its publisher's body, which it now owns. */
    EventJson withReceivedFrame(ByteBuffer frame) {
        return new EventJson(utf8, frame);
    }

    /** The frame made from the publisher's body, a read-only view at its start; null if there is none (left). */
    ByteBuffer receivedFrame() {
        ByteBuffer frame = receivedFrame;
        return frame == null ? null : frame.asReadOnlyBuffer();
    }

    /**
     * The frame made from the publisher's body, once: its buffer belongs to the caller from now on
     * (a large one goes back to {@link FrameBuffers} when written), and any later frame is encoded.
     */
    ByteBuffer takeReceivedFrame() {
        return receivedFrame == null ? null : RECEIVED_FRAME.getAndSet(this, null);
    }

    /** True if {@code bytes[0, length)} start with this JSON. */
    boolean begins(byte[] bytes, int length) {
        return utf8.length <= length && Arrays.equals(utf8, 0, utf8.length, bytes, 0, utf8.length);
    }

    /** Length of the JSON text in bytes. */
    public int length() {
        return utf8.length;
    }

    /** A copy of the UTF-8 bytes. */
    public byte[] toByteArray() {
        return utf8.clone();
    }

    /**
     * Writes the base64 text of a delivered frame at the start of {@code into}, which may be longer.
     * @return the characters written
     */
    int encodeBase64(byte[] into) {
        return java.util.Base64.getEncoder().encode(utf8, into);
    }

    /** Characters of the padded base64 text without line breaks. */
    int base64Length() {
        return (utf8.length + 2) / 3 * 4;
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventJson json && Arrays.equals(utf8, json.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }
}
