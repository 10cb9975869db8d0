package org.eventlite.tools;

import java.io.IOException;
import java.net.Socket;

/**
 * What the load generator does that depends on the server's wire: the
 * Event::Lite protocol or, to compare, Redis Pub/Sub's RESP. Readers are fed
 * what each socket read returns, however TCP split it.
 */
interface BenchWire {

    static BenchWire of(boolean redis, String event) {
        return redis ? new RedisBenchWire(event) : new EventLiteBenchWire(event);
    }

    /** Subscribes to {@code event} and waits for the confirmation. */
    void subscribe(Socket socket, String event) throws IOException;

    /** Appends one publish request of the benchmark's event carrying the JSON. */
    void appendPublish(ByteSink out, byte[] json, int length);

    /** A counter of one publisher connection's acknowledgements. */
    AckCounter ackCounter();

    /** A reader of one subscriber connection's deliveries, each payload handed to the sink. */
    FrameReader frameReader(PayloadSink sink, int maxPayloadBytes);

    interface AckCounter {
        /** The acknowledgements completed by these bytes; an IOException when a publish was refused. */
        int count(byte[] buffer, int length) throws IOException;
    }

    interface FrameReader {
        void feed(byte[] buffer, int length) throws IOException;
    }

    interface PayloadSink {
        /** One delivered payload; the bytes are valid only during the call. */
        void payload(byte[] bytes, int offset, int length) throws IOException;
    }
}
