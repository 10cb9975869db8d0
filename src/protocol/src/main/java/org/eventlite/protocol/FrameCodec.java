package org.eventlite.protocol;

/**
 * Encodes delivered events. A frame is the event's canonical base64 (standard
 * alphabet, padded, no line breaks) followed by an empty line. Canonical
 * base64 of a text starting with <code>{</code> always starts with {@code e},
 * and has no empty line inside that would split it for the Perl subscriber.
 */
public final class FrameCodec {

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

    /** The complete frame bytes; encode once per event and share among subscribers. */
    public static byte[] encode(EventJson json) {
        byte[] received = json.receivedFrame();
        if (received != null) {
            return received;
        }
        byte[] frame = new byte[json.base64Length() + TERMINATOR_BYTES];
        int length = json.encodeBase64(frame);
        frame[length] = '\n';
        frame[length + 1] = '\n';
        return frame;
    }
}
