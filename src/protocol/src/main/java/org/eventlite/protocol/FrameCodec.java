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
     * The complete frame, read-only at its start: direct from {@link #DIRECT_FROM_BYTES} on, and
     * the publisher's own base64 text when it can be. Encode once per event and share among
     * subscribers.
     */
    public static java.nio.ByteBuffer frame(EventJson json) {
        java.nio.ByteBuffer received = json.receivedFrame();
        if (received != null) {
            return received;
        }
        byte[] frame = encode(json);
        java.nio.ByteBuffer buffer = frame.length < DIRECT_FROM_BYTES
                ? java.nio.ByteBuffer.wrap(frame)
                : java.nio.ByteBuffer.allocateDirect(frame.length).put(frame).flip();
        return buffer.asReadOnlyBuffer();
    }

    /** A buffer for a frame of {@code length} bytes: direct from {@link #DIRECT_FROM_BYTES} on. */
    static java.nio.ByteBuffer allocate(int length) {
        return length < DIRECT_FROM_BYTES ? java.nio.ByteBuffer.allocate(length) : java.nio.ByteBuffer.allocateDirect(length);
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
