package org.eventlite.protocol;

import static org.eventlite.protocol.WireFixtures.ascii;
import static org.eventlite.protocol.WireFixtures.concat;
import static org.eventlite.protocol.WireFixtures.mimeBase64;
import static org.eventlite.protocol.WireFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A publish body whose JSON the server keeps as it is gives its base64 text to the frame; a body
 * the server changes is encoded. Either way the frame is the canonical base64 of the canonical JSON.
 */
class ReceivedFrameTest {

    private static final String JSON = "{\"event\":\"foo\",\"n\":12345,\"text\":\"" + "abc".repeat(40) + "\"}";

    @Test
    void canonicalBodyOnOneLineIsTheFrame() {
        EventJson json = publish(canonical(JSON) + "\n\n");
        assertNotNull(json.receivedFrame(), "forwarded");
        assertCanonicalFrame(JSON, json);
    }

    @Test
    void perlBodyWithLineBreaksIsTheFrameWithoutThem() {
        for (String lineEnd : List.of("\n", "\r\n")) {
            String body = new String(mimeBase64(utf8(JSON)), StandardCharsets.US_ASCII).replace("\n", lineEnd);
            EventJson json = publish(body + lineEnd);
            assertNotNull(json.receivedFrame(), "forwarded, line end " + lineEnd.length());
            assertCanonicalFrame(JSON, json);
        }
    }

    @Test
    void aLargeFrameIsADirectBufferTheSocketsWriteInPlace() throws ProtocolException {
        String large = "{\"event\":\"foo\",\"pad\":\"" + "x".repeat(FrameCodec.DIRECT_FROM_BYTES) + "\"}";
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(concat(ascii("publish/foo:|\n\n"), ascii(canonical(large) + "\n\n"))), recorder);
        EventJson json = ((PublishRequest) recorder.requests.get(0)).json();
        assertTrue(json.receivedFrame().isDirect());
        assertCanonicalFrame(large, json);
        ByteBuffer first = FrameCodec.frame(json);
        assertTrue(first.isDirect());
        assertNull(json.receivedFrame(), "the first frame took it: its buffer is reused once written");
        ByteBuffer second = FrameCodec.frame(json);
        assertNotSame(first, second);
        assertEquals(first, second, "encoded again, the same bytes");
        EventJson small = publish(canonical(JSON) + "\n\n");
        assertFalse(FrameCodec.frame(small).isDirect());
        assertTrue(FrameCodec.frame(EventJson.of("foo", utf8(large))).isDirect(), "encoded, not received");
    }

    @Test
    void everyRemainderOfTheLastGroupIsForwarded() {
        for (String json : List.of("{\"event\":\"foo\"}", "{\"event\":\"foo\" }", "{\"event\":\"foo\"  }")) {
            EventJson event = publish(canonical(json) + "\n\n");
            assertNotNull(event.receivedFrame(), json);
            assertCanonicalFrame(json, event);
        }
    }

    @Test
    void unusedBitsSetInTheLastGroupDoNotReachTheFrame() {
        String json = "{\"event\":\"foo\" }";
        String text = canonical(json);
        assertEquals("fQ==", text.substring(text.length() - 4), "the last byte, '}', and four unused bits");
        String nonCanonical = text.substring(0, text.length() - 3) + "R==";
        assertArrayEquals(Base64.getDecoder().decode(text), Base64.getDecoder().decode(nonCanonical), "same bytes");

        EventJson event = publish(nonCanonical + "\n\n");
        assertNotNull(event.receivedFrame());
        assertCanonicalFrame(json, event);
    }

    @Test
    void bodyWithoutPaddingGetsAPaddedFrame() {
        for (String json : List.of("{\"event\":\"foo\" }", "{\"event\":\"foo\"  }")) {
            String unpadded = canonical(json).replace("=", "");
            assertEquals(0, canonical(json).length() - unpadded.length() - (3 - json.length() % 3), json);
            EventJson event = publish(unpadded + "\n\n");
            assertNotNull(event.receivedFrame(), json);
            assertCanonicalFrame(json, event);
        }
    }

    @Test
    void perlPrettyBodyWithItsFinalLineFeedIsForwarded() {
        EventJson json = publish(new String(mimeBase64(utf8(WireFixtures.PRETTY_JSON)), StandardCharsets.UTF_8) + "\n");
        assertNotNull(json.receivedFrame());
        assertCanonicalFrame(WireFixtures.PRETTY_JSON.strip(), json);
    }

    @Test
    void whiteSpaceAfterTheObjectSharingItsLastGroupIsLeftOut() {
        for (String after : List.of(" ", "  ", "\n", " \n\t ")) {
            EventJson json = publish(canonical(JSON + after) + "\n\n");
            assertNotNull(json.receivedFrame(), "after: " + after.length());
            assertCanonicalFrame(JSON, json);
        }
    }

    @Test
    void bodyTheServerChangesIsEncoded() {
        String withoutEvent = "{\"n\":1}";
        EventJson added = publish(canonical(withoutEvent) + "\n\n");
        assertNull(added.receivedFrame());
        assertCanonicalFrame("{\"event\":\"foo\",\"n\":1}", added);

        EventJson trimmed = publish(canonical("  " + JSON + "\n") + "\n\n");
        assertNull(trimmed.receivedFrame());
        assertCanonicalFrame(JSON, trimmed);
    }

    @Test
    void secondBodyOnTheConnectionHasItsOwnFrame() {
        String other = "{\"event\":\"foo\",\"other\":true}";
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(concat(ascii("publish/foo:|\n\n" + canonical(JSON) + "\n\n"),
                ascii("publish/foo:|\n\n" + canonical(other) + "\n\n"))), recorder);
        assertEquals(List.of(), recorder.errors);
        assertCanonicalFrame(JSON, ((PublishRequest) recorder.requests.get(0)).json());
        assertCanonicalFrame(other, ((PublishRequest) recorder.requests.get(1)).json());
    }

    private static String canonical(String json) {
        return Base64.getEncoder().encodeToString(utf8(json));
    }

    private static EventJson publish(String body) {
        byte[] bytes = concat(ascii("publish/foo:|\n\n"), ascii(body));
        for (int split = 0; split <= bytes.length; split++) {
            RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
            Recorder recorder = new Recorder();
            decoder.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 0, split)), recorder);
            decoder.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, split, bytes.length)), recorder);
            assertEquals(List.of(), recorder.errors, "split at " + split);
            assertEquals(1, recorder.requests.size(), "split at " + split);
            EventJson json = ((PublishRequest) recorder.requests.get(0)).json();
            assertArrayEquals(frameOf(bytes), FrameCodec.encode(json), "split at " + split);
        }
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(bytes), recorder);
        return ((PublishRequest) recorder.requests.get(0)).json();
    }

    /** The frame of the whole stream, decoded in one piece: what every split must give. */
    private static byte[] frameOf(byte[] bytes) {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(bytes), recorder);
        return FrameCodec.encode(((PublishRequest) recorder.requests.get(0)).json());
    }

    private static void assertCanonicalFrame(String expectedJson, EventJson json) {
        assertEquals(expectedJson, json.toString());
        String frame = new String(FrameCodec.encode(json), StandardCharsets.US_ASCII);
        assertEquals(canonical(expectedJson) + "\n\n", frame);
    }
}
