package org.eventlite.tools;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The Event::Lite protocol for the load generator: base64 bodies, {@code ok} replies, frames ending in an empty line. */
final class EventLiteBenchWire implements BenchWire {

    private static final byte[] TERMINATOR = {'\n', '\n'};

    private final byte[] publishLine;

    EventLiteBenchWire(String event) {
        this.publishLine = ("publish/" + event + ":|\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void subscribe(Socket socket, String event) throws IOException {
        socket.getOutputStream().write(("subscribe/" + event + ":|\n").getBytes(StandardCharsets.UTF_8));
        String reply = new String(socket.getInputStream().readNBytes(2), StandardCharsets.US_ASCII);
        if (!reply.equals("ok")) {
            throw new IOException("subscribe refused: " + reply);
        }
    }

    @Override
    public void appendPublish(ByteSink out, byte[] json, int length) {
        out.append(publishLine).appendBase64(json, 0, length).append(TERMINATOR);
    }

    /** Every reply is {@code ok}; anything else is an error reply. */
    @Override
    public AckCounter ackCounter() {
        return (buffer, length) -> {
            int replies = 0;
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                if (b == 'k') {
                    replies++;
                } else if (b != 'o') {
                    throw new IOException("publish refused: "
                            + new String(buffer, i, Math.min(80, length - i), StandardCharsets.US_ASCII).strip());
                }
            }
            return replies;
        };
    }

    /** FrameCodec as they arrive, the text each shares with the one before compared rather than decoded again. */
    @Override
    public FrameReader frameReader(PayloadSink sink, int maxPayloadBytes) {
        return new EventLiteFrameReader(sink, maxPayloadBytes);
    }
}
