package org.eventlite.protocol;

import static org.eventlite.protocol.WireFixtures.CRLF_SUBSCRIBE;
import static org.eventlite.protocol.WireFixtures.LF_SUBSCRIBE;
import static org.eventlite.protocol.WireFixtures.PERL_PUBLISH;
import static org.eventlite.protocol.WireFixtures.PERL_SUBSCRIBE;
import static org.eventlite.protocol.WireFixtures.PRETTY_JSON;
import static org.eventlite.protocol.WireFixtures.ascii;
import static org.eventlite.protocol.WireFixtures.concat;
import static org.eventlite.protocol.WireFixtures.mimeBase64;
import static org.eventlite.protocol.WireFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {

    private static final Credentials ALICE = new Credentials("alice", "secret");

    /** Feeds everything as one burst, then lets the sender pause and the grace period pass. */
    private static Recorder decode(byte[] bytes) {
        return decodeInParts(DecoderLimits.DEFAULTS, bytes);
    }

    /** Feeds the parts back to back with no pause between them, as TCP may split one send. */
    private static Recorder decodeInParts(DecoderLimits limits, byte[]... parts) {
        RequestDecoder decoder = new RequestDecoder(limits);
        Recorder recorder = new Recorder();
        for (byte[] part : parts) {
            decoder.feed(ByteBuffer.wrap(part), recorder);
        }
        decoder.paused(recorder);
        if (decoder.hasPartialLine()) {
            decoder.lineGraceExpired(recorder);
        }
        return recorder;
    }

    private static PublishRequest onlyPublish(Recorder recorder) {
        assertEquals(List.of(), recorder.errors);
        assertEquals(1, recorder.requests.size(), recorder.requests.toString());
        return (PublishRequest) recorder.requests.get(0);
    }

    private static ErrorCode onlyError(Recorder recorder) {
        assertEquals(1, recorder.errors.size(), "errors " + recorder.errors + " requests " + recorder.requests);
        return recorder.errors.get(0);
    }

    @Test
    void perlSubscribeWithoutTerminatorCompletesOnlyAfterGracePeriod() {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(PERL_SUBSCRIBE), recorder);
        decoder.paused(recorder);
        assertTrue(recorder.requests.isEmpty());
        assertTrue(decoder.hasPartialLine());

        decoder.lineGraceExpired(recorder);

        assertEquals(List.of(new SubscribeRequest("foo", Credentials.ANONYMOUS)), recorder.requests);
        assertTrue(decoder.betweenRequests());
    }

    @Test
    void unterminatedLinesOtherThanAWholeSubscribeWaitForTheirLineFeed() {
        for (String partial : List.of("publish/foo:|", "subscribe/foo", "subscribe/foo:", "subscr", "hello")) {
            RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
            Recorder recorder = new Recorder();
            decoder.feed(ByteBuffer.wrap(ascii(partial)), recorder);
            decoder.paused(recorder);
            assertFalse(decoder.hasPartialLine(), partial);
            decoder.lineGraceExpired(recorder);
            assertTrue(recorder.requests.isEmpty() && recorder.errors.isEmpty(), partial);
            assertFalse(decoder.betweenRequests(), partial + " is still a request in progress");

            decoder.feed(ByteBuffer.wrap(ascii(partial.startsWith("publish") ? "\n\ne30=\n\n" : ":|\n")), recorder);
            assertEquals(1, recorder.requests.size() + recorder.errors.size(), partial);
        }
    }

    @Test
    void subscribeLineEndsAtLfOrCrlf() {
        for (byte[] request : List.of(LF_SUBSCRIBE, CRLF_SUBSCRIBE)) {
            RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
            Recorder recorder = new Recorder();
            decoder.feed(ByteBuffer.wrap(request), recorder);
            assertEquals(List.of(new SubscribeRequest("foo", ALICE)), recorder.requests);
            assertFalse(decoder.hasPartialLine());
        }
    }

    @Test
    void unsubscribeIsARequestOfItsOwn() {
        Recorder recorder = decode(ascii("unsubscribe/price.*:|\n"));
        assertEquals(List.of(new UnsubscribeRequest("price.*", Credentials.ANONYMOUS)), recorder.requests);
    }

    @Test
    void passwordKeepsEverythingAfterFirstPipe() {
        Recorder recorder = decode(ascii("subscribe/a.b:bob|p|a:ss\n"));
        assertEquals(List.of(new SubscribeRequest("a.b", new Credentials("bob", "p|a:ss"))), recorder.requests);
    }

    @Test
    void perlPublishEndsWhenTheSenderPausesAfterAWholeObject() {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(PERL_PUBLISH), recorder);
        assertTrue(recorder.requests.isEmpty(), "no terminator was sent, so only the pause ends the body");

        decoder.paused(recorder);

        PublishRequest publish = onlyPublish(recorder);
        assertEquals("foo", publish.event());
        assertEquals(Credentials.ANONYMOUS, publish.credentials());
        assertEquals(PRETTY_JSON.strip(), publish.json().toString());
        assertFalse(decoder.hasPartialLine());
    }

    @Test
    void pauseInsideAnUnfinishedObjectWaitsForMore() {
        int cut = PERL_PUBLISH.length - 30;
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(PERL_PUBLISH, 0, cut), recorder);
        decoder.paused(recorder);
        if (decoder.hasPartialLine()) {
            decoder.lineGraceExpired(recorder);
        }
        assertTrue(recorder.requests.isEmpty());
        assertTrue(recorder.errors.isEmpty());

        decoder.feed(ByteBuffer.wrap(PERL_PUBLISH, cut, PERL_PUBLISH.length - cut), recorder);
        decoder.paused(recorder);

        assertEquals(PRETTY_JSON.strip(), onlyPublish(recorder).json().toString());
    }

    @Test
    void publishEndsAtEmptyLineWithoutPause() {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(RequestEncoder.publish("foo", ALICE, utf8("{\"x\":1}"))), recorder);
        PublishRequest publish = onlyPublish(recorder);
        assertEquals("{\"event\":\"foo\",\"x\":1}", publish.json().toString());
        assertEquals(ALICE, publish.credentials());
    }

    @Test
    void addsEventMemberWhenAbsent() {
        assertEquals("{\"event\":\"foo\",\"a\":[1,{\"b\":null}]}",
                onlyPublish(decode(RequestEncoder.publish("foo", ALICE, utf8(" {\"a\":[1,{\"b\":null}]} ")))).json().toString());
        assertEquals("{\"event\":\"foo\"}",
                onlyPublish(decode(RequestEncoder.publish("foo", ALICE, utf8("{ }")))).json().toString());
        assertEquals("{\"event\":\"x\\\"y\"}",
                onlyPublish(decode(RequestEncoder.publish("x\"y", ALICE, utf8("{}")))).json().toString());
    }

    @Test
    void refusesEventMemberNamingAnotherEvent() {
        assertEquals(ErrorCode.EVENT_NAME_MISMATCH,
                onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"event\":\"bar\"}")))));
        assertEquals(ErrorCode.EVENT_NAME_MISMATCH,
                onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"\\u0065vent\":\"bar\"}")))));
        assertEquals(ErrorCode.EVENT_NAME_MISMATCH,
                onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"event\":42}")))));
        assertEquals(ErrorCode.EVENT_NAME_MISMATCH,
                onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"event\":\"foo\",\"event\":\"bar\"}")))));
    }

    @Test
    void nestedEventMemberIsOrdinaryData() {
        PublishRequest publish = onlyPublish(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"inner\":{\"event\":\"bar\"}}"))));
        assertEquals("{\"event\":\"foo\",\"inner\":{\"event\":\"bar\"}}", publish.json().toString());
    }

    @Test
    void everyReferenceRequestDecodesTheSameWhenSplitAtEveryByte() {
        List<byte[]> references = List.of(
                PERL_SUBSCRIBE, LF_SUBSCRIBE, CRLF_SUBSCRIBE, PERL_PUBLISH,
                RequestEncoder.publish("foo", ALICE, utf8("{\"price\":42}")),
                perlStylePipeline(3),
                concat(LF_SUBSCRIBE, RequestEncoder.publish("foo", ALICE, utf8("{}")), CRLF_SUBSCRIBE, PERL_PUBLISH));
        for (byte[] reference : references) {
            Recorder whole = decode(reference);
            assertTrue(whole.errors.isEmpty(), whole.errors.toString());
            assertFalse(whole.requests.isEmpty());
            for (int cut = 0; cut <= reference.length; cut++) {
                Recorder split = decodeInParts(DecoderLimits.DEFAULTS,
                        Arrays.copyOfRange(reference, 0, cut), Arrays.copyOfRange(reference, cut, reference.length));
                assertEquals(whole.requests, split.requests, "split at " + cut);
                assertEquals(whole.errors, split.errors, "split at " + cut);
            }
        }
    }

    @Test
    void everyByteInItsOwnReadDecodesTheSame() {
        byte[] reference = perlStylePipeline(2);
        byte[][] singles = new byte[reference.length][];
        for (int i = 0; i < reference.length; i++) {
            singles[i] = new byte[] {reference[i]};
        }
        assertEquals(decode(reference).requests, decodeInParts(DecoderLimits.DEFAULTS, singles).requests);
    }

    @Test
    void hundredPerlStylePublishesPipelinedInOneWriteDecodeInOrder() {
        Recorder recorder = decode(perlStylePipeline(100));
        assertTrue(recorder.errors.isEmpty());
        assertEquals(100, recorder.requests.size());
        for (int i = 0; i < 100; i++) {
            PublishRequest publish = (PublishRequest) recorder.requests.get(i);
            assertEquals("{\n   \"event\" : \"foo\",\n   \"seq\" : " + i + "\n}", publish.json().toString());
        }
    }

    @Test
    void hundredTerminatedPublishesPipelinedDecodeInOrderWithoutPause() {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            parts.add(RequestEncoder.publish("foo", ALICE, utf8("{\"seq\":" + i + "}")));
        }
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(concat(parts.toArray(byte[][]::new))), recorder);
        assertEquals(100, recorder.requests.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("{\"event\":\"foo\",\"seq\":" + i + "}", ((PublishRequest) recorder.requests.get(i)).json().toString());
        }
    }

    /** The decoder remembers the last request line parsed; a line that differs in any byte is parsed afresh. */
    @Test
    void pipelinedPublishesKeepTheirOwnEventAndCredentials() {
        Credentials bob = new Credentials("bob", "secret");
        byte[] json = utf8("{\"n\":1}");
        Recorder recorder = decode(concat(RequestEncoder.publish("foo", ALICE, json), RequestEncoder.publish("foo", ALICE, json),
                RequestEncoder.publish("foo", bob, json), RequestEncoder.publish("fop", bob, json),
                RequestEncoder.publish("foo", new Credentials("alice", "secreT"), json)));
        assertEquals(List.of(), recorder.errors);
        List<String> seen = recorder.requests.stream()
                .map(r -> ((PublishRequest) r).event() + " " + ((PublishRequest) r).credentials().username() + ":"
                        + ((PublishRequest) r).credentials().password())
                .toList();
        assertEquals(List.of("foo alice:secret", "foo alice:secret", "foo bob:secret", "fop bob:secret", "foo alice:secreT"), seen);
    }

    /** MIME-style lines of a body that cannot yet be whole are decoded where they lie; the result is the same. */
    @Test
    void multiLinePerlBodiesDecodeTheSameWhereverTheReadsSplitThem() {
        List<byte[]> parts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String json = "{\n   \"event\" : \"foo\",\n   \"seq\" : " + i + ",\n   \"text\" : \""
                    + "ab} ".repeat(60 + i) + "\"\n}";
            parts.add(ascii("publish/foo:|\n\n"));
            parts.add(mimeBase64(utf8(json + "\n")));
            expected.add(json);
        }
        byte[] reference = concat(parts.toArray(byte[][]::new));
        for (int cut = 0; cut <= reference.length; cut += 5) {
            Recorder split = decodeInParts(DecoderLimits.DEFAULTS,
                    Arrays.copyOfRange(reference, 0, cut), Arrays.copyOfRange(reference, cut, reference.length));
            assertEquals(List.of(), split.errors, "split at " + cut);
            assertEquals(expected, split.requests.stream().map(r -> ((PublishRequest) r).json().toString()).toList(),
                    "split at " + cut);
        }
    }

    @Test
    void aForeignByteInALaterLineOfAMultiLineBodyIsInvalidBase64() {
        byte[] body = mimeBase64(utf8("{\"event\":\"foo\",\"text\":\"" + "x".repeat(300) + "\"}"));
        body[3 * 77 + 10] = '*';
        Recorder recorder = decode(concat(ascii("publish/foo:|\n\n"), body));
        assertEquals(List.of(ErrorCode.INVALID_BASE64), recorder.errors);
        assertEquals(List.of(), recorder.requests);
    }

    @Test
    void longSingleLineBodyIsStreamed() {
        String big = "{\"data\":\"" + "x".repeat(100_000) + "\"}";
        PublishRequest publish = onlyPublish(decode(RequestEncoder.publish("foo", ALICE, utf8(big))));
        assertEquals(big.length() + "\"event\":\"foo\",".length(), publish.json().length());
    }

    @Test
    void eventOfExactlyTheLimitAsDeliveredPassesAndOneByteMoreFails() {
        DecoderLimits limits = new DecoderLimits(4096, 64, 255);
        String exact = "{\"event\":\"foo\",\"d\":\"" + "x".repeat(64 - 22) + "\"}";
        assertEquals(64, exact.length());
        Recorder ok = decodeInParts(limits, RequestEncoder.publish("foo", ALICE, utf8(exact)));
        assertEquals(64, onlyPublish(ok).json().length());
        Recorder tooBig = decodeInParts(limits, RequestEncoder.publish("foo", ALICE, utf8(exact + " ")));
        assertEquals(ErrorCode.EVENT_TOO_LARGE, onlyError(tooBig));
    }

    /** A client with the same limit must read every frame: the "event" member the server adds counts. */
    @Test
    void eventThatFitsOnlyWithoutItsAddedEventMemberIsTooLarge() {
        DecoderLimits limits = new DecoderLimits(4096, 64, 255);
        String sent = "{\"d\":\"" + "x".repeat(64 - 8) + "\"}";
        assertEquals(64, sent.length());
        assertEquals(ErrorCode.EVENT_TOO_LARGE,
                onlyError(decodeInParts(limits, RequestEncoder.publish("foo", ALICE, utf8(sent)))));
    }

    @Test
    void requestLineOfExactlyTheLimitPassesAndOneByteMoreFails() {
        DecoderLimits limits = new DecoderLimits(64, 1024, 32);
        String prefix = "subscribe/foo:u|";
        String exact = prefix + "p".repeat(64 - prefix.length());
        assertEquals(1, decodeInParts(limits, ascii(exact + "\r\n")).requests.size());
        assertEquals(ErrorCode.LINE_TOO_LONG, onlyError(decodeInParts(limits, ascii(exact + "p\n"))));
        assertEquals(ErrorCode.LINE_TOO_LONG, onlyError(decodeInParts(limits, ascii(exact + "pp"))));
    }

    @Test
    void malformedRequestLinesGetTheirCatalogueCode() {
        assertEquals(ErrorCode.CONTROL_CHARACTER, onlyError(decode(ascii("subscribe/f\0o:|\n"))));
        assertEquals(ErrorCode.CONTROL_CHARACTER, onlyError(decode(ascii("subscribe/f\to:|\n"))));
        assertEquals(ErrorCode.UNKNOWN_VERB, onlyError(decode(ascii("hello/foo:|\n"))));
        assertEquals(ErrorCode.UNKNOWN_VERB, onlyError(decode(ascii("subscribe foo:|\n"))));
        assertEquals(ErrorCode.MISSING_CREDENTIALS, onlyError(decode(ascii("subscribe/foo\n"))));
        assertEquals(ErrorCode.MALFORMED_CREDENTIALS, onlyError(decode(ascii("subscribe/foo:alice\n"))));
        assertEquals(ErrorCode.EMPTY_EVENT_NAME, onlyError(decode(ascii("subscribe/:|\n"))));
        assertEquals(ErrorCode.EVENT_NAME_TOO_LONG, onlyError(decode(ascii("subscribe/" + "n".repeat(256) + ":|\n"))));
        assertEquals(ErrorCode.INVALID_EVENT_NAME, onlyError(decode(ascii("subscribe/a b:|\n"))));
        assertEquals(ErrorCode.INVALID_EVENT_NAME, onlyError(decode(ascii("subscribe/a|b:|\n"))));
        assertEquals(ErrorCode.INVALID_UTF8_REQUEST, onlyError(decode(new byte[] {'s', 'u', 'b', (byte) 0xC3, '/', 'x', ':', '|', '\n'})));
        assertEquals(ErrorCode.INVALID_PATTERN, onlyError(decode(ascii("subscribe/a.>.b:|\n"))));
        assertEquals(ErrorCode.INVALID_PATTERN, onlyError(decode(ascii("unsubscribe/>.b:|\n"))));
        assertEquals(ErrorCode.WILDCARD_IN_PUBLISH, onlyError(decode(RequestEncoder.publish("a.*", ALICE, utf8("{}")))));
        assertEquals(ErrorCode.WILDCARD_IN_PUBLISH, onlyError(decode(RequestEncoder.publish(">", ALICE, utf8("{}")))));
    }

    @Test
    void wildcardTokensAreOnlyWholeTokens() {
        assertEquals(1, decode(ascii("subscribe/a.*.c:|\n")).requests.size());
        assertEquals(1, decode(ascii("subscribe/a.>:|\n")).requests.size());
        assertEquals(1, decode(RequestEncoder.publish("a*.b>", ALICE, utf8("{}"))).requests.size());
        assertEquals(1, decode(RequestEncoder.publish("a.>b", ALICE, utf8("{}"))).requests.size());
    }

    @Test
    void malformedBodiesGetTheirCatalogueCode() {
        assertEquals(ErrorCode.INVALID_BASE64, onlyError(decode(ascii("publish/foo:|\n\ne30*\n"))));
        assertEquals(ErrorCode.INVALID_BASE64, onlyError(decode(ascii("publish/foo:|\n\ne3=0\n"))));
        assertEquals(ErrorCode.INVALID_BASE64, onlyError(decode(ascii("publish/foo:|\n\ne\n\n"))));
        assertEquals(ErrorCode.MISSING_BODY, onlyError(decode(ascii("publish/foo:|\n\n\n"))));
        assertEquals(ErrorCode.MISSING_BODY, onlyError(decode(ascii("publish/foo:|\n\n:\n"))));
        assertEquals(ErrorCode.NOT_AN_OBJECT, onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("[1,2]")))));
        assertEquals(ErrorCode.NOT_AN_OBJECT, onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("\"s\"")))));
        assertEquals(ErrorCode.INVALID_JSON, onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"a\":}")))));
        assertEquals(ErrorCode.INVALID_JSON, onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"a\":1} x")))));
        assertEquals(ErrorCode.INVALID_JSON, onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"a\":01}")))));
        assertEquals(ErrorCode.INVALID_JSON, onlyError(decode(RequestEncoder.publish("foo", ALICE, utf8("{\"a\":\"\u0001\"}")))));
        assertEquals(ErrorCode.INVALID_JSON, onlyError(decode(RequestEncoder.publish("foo", ALICE,
                utf8("{\"a\":" + "[".repeat(JsonBody.MAX_NESTING) + "]".repeat(JsonBody.MAX_NESTING) + "}")))));
        assertEquals(ErrorCode.INVALID_UTF8, onlyError(decode(RequestEncoder.publish("foo", ALICE,
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}))));
        assertEquals(ErrorCode.INVALID_UTF8, onlyError(decode(RequestEncoder.publish("foo", ALICE,
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}))));
    }

    @Test
    void decodesNothingAfterAnError() {
        Recorder recorder = decode(concat(ascii("bogus\n"), LF_SUBSCRIBE));
        assertEquals(List.of(ErrorCode.UNKNOWN_VERB), recorder.errors);
        assertTrue(recorder.requests.isEmpty());
    }

    @Test
    void emptyLinesBetweenRequestsAreIgnored() {
        Recorder recorder = decode(concat(ascii("\n\r\n\n"), LF_SUBSCRIBE, ascii("\n\n")));
        assertEquals(List.of(new SubscribeRequest("foo", ALICE)), recorder.requests);
    }

    private static byte[] perlStylePipeline(int count) {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(ascii("publish/foo:|\n\n"));
            parts.add(mimeBase64(utf8("{\n   \"event\" : \"foo\",\n   \"seq\" : " + i + "\n}\n")));
        }
        return concat(parts.toArray(byte[][]::new));
    }
}
