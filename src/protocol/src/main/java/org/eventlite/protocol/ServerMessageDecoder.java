package org.eventlite.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The client side of the wire: turns what a server sends into replies and
 * events. Replies carry no terminator, so the first byte tells what follows:
 * {@code o} is {@code ok}, {@code p} is {@code permission denied}, {@code -} an
 * error line, {@code e} a frame ending in an empty line. Not thread-safe; one
 * per connection. Bounded by the largest frame it accepts.
 */
public final class ServerMessageDecoder {

    private static final byte[] OK = Replies.ok();
    private static final byte[] DENIED = Replies.permissionDenied();

    private enum State { START, OK, DENIED, ERROR_LINE, FRAME }

    private final int maxFrameBytes;
    private State state = State.START;
    private byte[] buffer = new byte[256];
    private int length;

    /** @param maxEventBytes the largest event to accept; frames are its base64, a third longer */
    public ServerMessageDecoder(int maxEventBytes) {
        this.maxFrameBytes = (maxEventBytes + 2) / 3 * 4 + 2;
    }

    /**
     * Decodes every byte of {@code in}.
     *
     * @throws ProtocolException when the bytes are no reply or frame a server sends
     */
    public void feed(ByteBuffer in, ServerMessageSink sink) throws ProtocolException {
        while (in.hasRemaining()) {
            byte b = in.get();
            switch (state) {
                case START -> start(b);
                case OK -> expect(b, OK, State.OK, sink);
                case DENIED -> expect(b, DENIED, State.DENIED, sink);
                case ERROR_LINE -> errorLineByte(b, sink);
                case FRAME -> frameByte(b, sink);
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private void start(byte b) throws ProtocolException {
        length = 0;
        switch (b) {
            case 'o' -> state = State.OK;
            case 'p' -> state = State.DENIED;
            case '-' -> state = State.ERROR_LINE;
            case 'e' -> state = State.FRAME;
            case '\n', '\r' -> {
                return;
            }
            default -> throw new ProtocolException(ErrorCode.INVALID_BASE64,
                    "unexpected byte 0x" + Integer.toHexString(b & 0xFF) + " from the server");
        }
        append(b);
    }

    private void expect(byte b, byte[] reply, State current, ServerMessageSink sink) throws ProtocolException {
        if (b != reply[length]) {
            throw new ProtocolException(ErrorCode.INVALID_BASE64,
                    "expected the reply '" + new String(reply, StandardCharsets.US_ASCII) + "'");
        }
        append(b);
        if (length == reply.length) {
            state = State.START;
            if (current == State.OK) {
                sink.ok();
            } else {
                sink.permissionDenied();
            }
        }
    }

    private void errorLineByte(byte b, ServerMessageSink sink) throws ProtocolException {
        if (b == '\n') {
            state = State.START;
            sink.errorReply(new String(buffer, 0, length, StandardCharsets.UTF_8));
            return;
        }
        append(b);
    }

    private void frameByte(byte b, ServerMessageSink sink) throws ProtocolException {
        if (b == '\n' && buffer[length - 1] == '\n') {
            state = State.START;
            byte[] json;
            try {
                json = Base64.getMimeDecoder().decode(Arrays.copyOf(buffer, length - 1));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ErrorCode.INVALID_BASE64, "a frame is not base64: " + e.getMessage());
            }
            sink.event(json);
            length = 0;
            return;
        }
        append(b);
    }

    private void append(byte b) throws ProtocolException {
        if (length == maxFrameBytes) {
            throw new ProtocolException(ErrorCode.EVENT_TOO_LARGE, "a frame is longer than " + maxFrameBytes + " bytes");
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxFrameBytes, buffer.length * 2));
        }
        buffer[length++] = b;
    }
}
