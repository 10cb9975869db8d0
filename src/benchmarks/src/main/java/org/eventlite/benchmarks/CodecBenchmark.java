package org.eventlite.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.FrameCodec;
import org.eventlite.protocol.ProtocolException;
import org.eventlite.protocol.PublishRequest;
import org.eventlite.protocol.Request;
import org.eventlite.protocol.RequestDecoder;
import org.eventlite.protocol.RequestEncoder;
import org.eventlite.protocol.RequestSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's cost per event: the server decoding one publish request (line,
 * base64 body, JSON check) and encoding one frame; the client encoding one
 * publish request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private static final Credentials ALICE = new Credentials("alice", "alice-Secret-9");

    @Param({"100", "10240"})
    int size;

    private byte[] json;
    private ByteBuffer request;
    private EventJson event;
    private RequestDecoder decoder;
    private final Sink sink = new Sink();

    static final class Sink implements RequestSink {
        Request last;

        @Override
        public void request(Request request) {
            last = request;
        }

        @Override
        public void error(ProtocolException error) {
            throw new IllegalStateException(error);
        }
    }

    @Setup
    public void encode() throws ProtocolException {
        String head = "{\"event\":\"bench\",\"pad\":\"";
        json = (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        request = ByteBuffer.wrap(RequestEncoder.publish("bench", ALICE, json));
        event = EventJson.of("bench", json);
        decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
    }

    @Benchmark
    public Request decodePublish() {
        decoder.feed(request.duplicate(), sink);
        return sink.last;
    }

    /**
     * The server's codec work per published event: decode the request and make the frame. The
     * Java client's body is canonical base64, so the frame is the body's text, not encoded again.
     */
    @Benchmark
    public byte[] decodePublishToFrame() {
        decoder.feed(request.duplicate(), sink);
        return FrameCodec.encode(((PublishRequest) sink.last).json());
    }

    /** Encoding a frame from JSON, as for events that in-server applications publish. */
    @Benchmark
    public byte[] encodeFrame() {
        return FrameCodec.encode(event);
    }

    @Benchmark
    public byte[] encodePublish() {
        return RequestEncoder.publish("bench", ALICE, json);
    }
}
