package org.eventlite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMessageDecoderTest {

    private static final class Collected implements ServerMessageSink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void ok() {
            seen.add("ok");
        }

        @Override
        public void permissionDenied() {
            seen.add("denied");
        }

        @Override
        public void errorReply(String line) {
            seen.add("error " + line);
        }

        @Override
        public void event(byte[] json) {
            seen.add("event " + new String(json, StandardCharsets.UTF_8));
        }
    }

    private static List<String> decode(byte[]... parts) throws ProtocolException {
        ServerMessageDecoder decoder = new ServerMessageDecoder(DecoderLimits.DEFAULT_MAX_EVENT_BYTES);
        Collected collected = new Collected();
        for (byte[] part : parts) {
            decoder.feed(ByteBuffer.wrap(part), collected);
        }
        return collected.seen;
    }

    @Test
    void readsRepliesAndFramesInAnyMixSplitAtEveryByte() throws ProtocolException {
        byte[] frame = FrameCodec.encode(EventJson.of("a", WireFixtures.utf8("{\"n\":1}")));
        byte[] stream = WireFixtures.concat(Replies.ok(), Replies.permissionDenied(), frame, Replies.ok(),
                ErrorCode.INVALID_JSON.reply(), frame);
        List<String> expected = List.of("ok", "denied", "event {\"event\":\"a\",\"n\":1}", "ok",
                "error " + ErrorCode.INVALID_JSON.replyText().strip(), "event {\"event\":\"a\",\"n\":1}");
        assertEquals(expected, decode(stream));
        for (int cut = 0; cut <= stream.length; cut++) {
            assertEquals(expected, decode(Arrays.copyOfRange(stream, 0, cut), Arrays.copyOfRange(stream, cut, stream.length)),
                    "split at " + cut);
        }
    }

    @Test
    void refusesBytesNoServerSends() {
        assertThrows(ProtocolException.class, () -> decode(WireFixtures.ascii("hello")));
        assertThrows(ProtocolException.class, () -> decode(WireFixtures.ascii("oops")));
    }

    @Test
    void refusesFramesOverTheLimit() {
        ServerMessageDecoder decoder = new ServerMessageDecoder(3);
        assertThrows(ProtocolException.class,
                () -> decoder.feed(ByteBuffer.wrap(WireFixtures.ascii("eyJhIjoxfQ==\n\n")), new Collected()));
    }
}
