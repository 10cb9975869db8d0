package org.eventlite.protocol;

import static org.eventlite.protocol.WireFixtures.ascii;
import static org.eventlite.protocol.WireFixtures.concat;
import static org.eventlite.protocol.WireFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What hostile or unlucky input may cost the decoder, and what it must never do with it. */
class RequestDecoderHardeningTest {

    private static final Credentials MALLORY = new Credentials("mallory", "wrong");
    private static final String EVENT = "{\"event\":\"foo\",\"x\":1}";
    /** A publish whose body ends with a line feed but no empty line, as pipelining clients may send it. */
    private static final byte[] PUBLISH_WITHOUT_EMPTY_LINE =
            ascii("publish/foo:|\n\n" + Base64.getEncoder().encodeToString(utf8(EVENT)) + "\n");

    private static byte[] largeBody(int jsonBytes) {
        String json = "{\"event\":\"big\",\"d\":\"" + "x".repeat(jsonBytes - 22) + "\"}";
        return ascii(Base64.getMimeEncoder().encodeToString(utf8(json)));
    }

    @Test
    void pipelinedRequestAfterABodyIsNotSwallowedWhenItsLinePauses() {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(concat(PUBLISH_WITHOUT_EMPTY_LINE, ascii("publi"))), recorder);
        decoder.paused(recorder);
        if (decoder.hasPartialLine()) {
            decoder.lineGraceExpired(recorder);
        }
        byte[] restOfSecond = ascii("sh/foo:|\n\n" + Base64.getEncoder().encodeToString(utf8(EVENT)) + "\n");
        decoder.feed(ByteBuffer.wrap(concat(restOfSecond, PUBLISH_WITHOUT_EMPTY_LINE)), recorder);
        decoder.paused(recorder);

        assertEquals(List.of(), recorder.errors);
        assertEquals(3, recorder.requests.size(), recorder.requests.toString());
        recorder.requests.forEach(request -> assertEquals(EVENT, ((PublishRequest) request).json().toString()));
    }

    @Test
    void gracePeriodAfterABodyDoesNotEndTheNextRequestLine() {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(concat(PUBLISH_WITHOUT_EMPTY_LINE, ascii("publish/foo:|"))), recorder);
        decoder.lineGraceExpired(recorder);

        assertEquals(1, recorder.requests.size());
        assertEquals(List.of(), recorder.errors);
        assertFalse(decoder.betweenRequests(), "the next request line is kept, waiting for its LF");
    }

    @Test
    void deniedBodyIsDroppedAndTheNextRequestIsDecoded() {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        Recorder recorder = new Recorder(false);
        byte[] denied = concat(ascii("publish/big:mallory|wrong\n\n"), largeBody(500_000), ascii("\n\n"));
        decoder.feed(ByteBuffer.wrap(concat(denied, ascii("subscribe/foo:|\n"))), recorder);

        assertEquals(List.of("big"), recorder.deniedPublishes);
        assertEquals(List.of(), recorder.errors);
        assertEquals(1, recorder.requests.size());
        assertInstanceOf(SubscribeRequest.class, recorder.requests.get(0));
    }

    @Test
    void deniedBodyCostsNoBudgetWhileAnAdmittedOneIsRefusedPastIt() {
        MemoryBudget budget = new MemoryBudget("test.budget", 64 * 1024);
        byte[] body = concat(ascii("publish/big:mallory|wrong\n\n"), largeBody(500_000));

        Recorder denying = new Recorder(false);
        RequestDecoder deniedDecoder = new RequestDecoder(DecoderLimits.DEFAULTS, budget);
        deniedDecoder.feed(ByteBuffer.wrap(body), denying);
        assertEquals(List.of(), denying.errors);
        assertEquals(0, budget.used());

        Recorder admitting = new Recorder(true);
        new RequestDecoder(DecoderLimits.DEFAULTS, budget).feed(ByteBuffer.wrap(body), admitting);
        assertEquals(List.of(ErrorCode.SERVER_BUSY), admitting.errors);
        assertEquals(0, budget.used(), "a failed body gives back what it held");
    }

    @Test
    void deniedBodyIsStillBoundedByTheEventSizeLimit() {
        DecoderLimits limits = new DecoderLimits(4096, 1000, 255);
        Recorder recorder = new Recorder(false);
        new RequestDecoder(limits).feed(ByteBuffer.wrap(concat(ascii("publish/big:|\n\n"), largeBody(5000))), recorder);
        assertEquals(List.of(ErrorCode.EVENT_TOO_LARGE), recorder.errors);
    }

    @Test
    void bodyArraysGoBackWhenTheSenderPausesAndWhenTheConnectionCloses() {
        MemoryBudget budget = new MemoryBudget("test.budget", 10L * 1024 * 1024);
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS, budget);
        Recorder recorder = new Recorder();
        decoder.feed(ByteBuffer.wrap(concat(ascii("publish/big:|\n\n"), largeBody(200_000), ascii("\n\n"))), recorder);
        assertEquals(1, recorder.requests.size());
        assertTrue(budget.used() > 200_000, "a stream of large events keeps its arrays while it flows");
        decoder.paused(recorder);
        assertEquals(0, budget.used());

        decoder.feed(ByteBuffer.wrap(concat(ascii("publish/big:|\n\n"), largeBody(200_000))), recorder);
        assertTrue(budget.used() > 0);
        decoder.close();
        assertEquals(0, budget.used());
    }

    @Test
    void namesWithEmptyTokensOrTooManyTokensAreRefused() {
        for (String name : List.of("a..b", ".a", "a.", ".", "z000x000.....")) {
            Recorder recorder = new Recorder();
            new RequestDecoder(DecoderLimits.DEFAULTS).feed(ByteBuffer.wrap(ascii("subscribe/" + name + ":|\n")), recorder);
            assertEquals(List.of(ErrorCode.INVALID_EVENT_NAME), recorder.errors, name);
        }
        String sixteen = "a" + ".a".repeat(15);
        Recorder fits = new Recorder();
        new RequestDecoder(DecoderLimits.DEFAULTS).feed(ByteBuffer.wrap(ascii("subscribe/" + sixteen + ":|\n")), fits);
        assertEquals(1, fits.requests.size());
        Recorder tooMany = new Recorder();
        new RequestDecoder(DecoderLimits.DEFAULTS).feed(ByteBuffer.wrap(ascii("subscribe/" + sixteen + ".a:|\n")), tooMany);
        assertEquals(List.of(ErrorCode.INVALID_EVENT_NAME), tooMany.errors);
    }
}
