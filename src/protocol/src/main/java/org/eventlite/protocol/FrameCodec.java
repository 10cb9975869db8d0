package org.eventlite.protocol;

/**
 * Encodes delivered events. A frame is the event's canonical base64 (standard
 * alphabet, padded, no line breaks) followed by an empty line. Canonical
 * base64 of a text starting with <code>{</code> always starts with {@code e},
 * and has no empty line inside that would split it for the Perl subscriber.
 */
public final class FrameCodec {

    /**
     * Frames from this size on are made in direct buffers, which sockets write in place: a heap
     * array is copied into a direct buffer before every write, once per subscriber.
     */
    public static final int DIRECT_FROM_BYTES = 64 * 1024;

    private static final int TERMINATOR_BYTES = 2;

    private FrameCodec() {
    }

    /** The event's JSON bytes back from a frame, for transports that carry JSON as text (Server-Sent Events). */
    public static byte[] decode(java.nio.ByteBuffer frame) {
        java.nio.ByteBuffer base64 = frame.duplicate();
        base64.limit(base64.limit() - TERMINATOR_BYTES);
        java.nio.ByteBuffer json = java.util.Base64.getDecoder().decode(base64);
        byte[] bytes = new byte[json.remaining()];
        json.get(bytes);
        return bytes;
    }

    /**
     * The complete frame, at its start, in a buffer that belongs to the caller: the publisher's
     * own base64 text when it can be (taken from {@code json}: the first frame of an event only), and
     * direct from {@link #DIRECT_FROM_BYTES} on, taken from {@link FrameBuffers}, where the caller
     * gives it back once nothing reads it any more. Encode once per event and share among subscribers.
     */
    public static java.nio.ByteBuffer frame(EventJson json) {
        java.nio.ByteBuffer received = json.takeReceivedFrame();
        if (received != null) {
            return received;
        }
        byte[] frame = encode(json);
        return frame.length < DIRECT_FROM_BYTES
                ? java.nio.ByteBuffer.wrap(frame)
                : FrameBuffers.take(frame.length).put(frame).flip();
    }

    /** A buffer for a frame of {@code length} bytes: from {@link #DIRECT_FROM_BYTES} on, taken from {@link FrameBuffers}. */
    static java.nio.ByteBuffer allocate(int length) {
        return length < DIRECT_FROM_BYTES ? java.nio.ByteBuffer.allocate(length) : FrameBuffers.take(length);
    }

    /** The complete frame bytes, encoded now. */
    public static byte[] encode(EventJson json) {
        java.nio.ByteBuffer received = json.receivedFrame();
        if (received != null) {
            byte[] copy = new byte[received.remaining()];
            received.get(copy);
            return copy;
        }
        byte[] frame = new byte[json.base64Length() + TERMINATOR_BYTES];
        int length = json.encodeBase64(frame);
        frame[length] = '\n';
        frame[length + 1] = '\n';
        return frame;
    }
}
