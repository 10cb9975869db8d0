package org.eventlite.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * What must hold for any input whatsoever, shared by the fuzz test and the
 * seeded random test: the decoder never throws, its output does not depend
 * on how TCP split the bytes, and every publish it emits is a canonical
 * object naming its own event.
 */
final class DecoderProperties {

    static final DecoderLimits SMALL_LIMITS = new DecoderLimits(64, 256, 32);

    private DecoderProperties() {
    }

    /** Checks every property for {@code input} cut at {@code cuts} (positions, any order, any range). */
    static void check(byte[] input, int[] cuts) {
        Recorder whole = decode(input, new int[0]);
        Recorder split = decode(input, cuts);
        if (!whole.requests.equals(split.requests) || !whole.errors.equals(split.errors)) {
            throw new AssertionError("output depends on the split " + Arrays.toString(cuts) + ": "
                    + whole.requests + whole.errors + " vs " + split.requests + split.errors);
        }
        if (whole.errors.size() > 1) {
            throw new AssertionError("more than one error: " + whole.errors);
        }
        for (Request request : whole.requests) {
            if (request instanceof PublishRequest publish) {
                checkPublish(publish);
            }
        }
    }

    private static void checkPublish(PublishRequest publish) {
        String json = publish.json().toString();
        if (!json.startsWith("{") || !json.endsWith("}")) {
            throw new AssertionError("not a canonical object: " + json);
        }
        try {
            EventJson again = EventJson.of(publish.event(), publish.json().toByteArray());
            if (!again.equals(publish.json())) {
                throw new AssertionError("canonical form is not stable: " + json);
            }
        } catch (ProtocolException e) {
            throw new AssertionError("emitted an event its own checks refuse: " + json, e);
        }
        if (FrameCodec.encode(publish.json())[0] != 'e') {
            throw new AssertionError("frame does not start with e");
        }
    }

    private static Recorder decode(byte[] input, int[] cuts) {
        int[] positions = Arrays.stream(cuts).map(c -> Math.floorMod(c, input.length + 1)).sorted().toArray();
        RequestDecoder decoder = new RequestDecoder(SMALL_LIMITS);
        Recorder recorder = new Recorder();
        int from = 0;
        for (int position : positions) {
            decoder.feed(ByteBuffer.wrap(input, from, position - from), recorder);
            from = position;
        }
        decoder.feed(ByteBuffer.wrap(input, from, input.length - from), recorder);
        decoder.paused(recorder);
        if (decoder.hasPartialLine()) {
            decoder.lineGraceExpired(recorder);
        }
        return recorder;
    }

    /** Inputs worth starting from: the reference requests, in the small limits' size. */
    static List<byte[]> seeds() {
        return List.of(
                WireFixtures.ascii("subscribe/foo:|"),
                WireFixtures.ascii("subscribe/foo:alice|secret\r\n"),
                RequestEncoder.publish("foo", Credentials.ANONYMOUS, WireFixtures.utf8("{\"a\":[1,{\"b\":null}]}")),
                WireFixtures.concat(WireFixtures.ascii("publish/foo:|\n\n"),
                        WireFixtures.mimeBase64(WireFixtures.utf8("{\n   \"event\" : \"foo\",\n   \"n\" : 1\n}\n"))));
    }
}
