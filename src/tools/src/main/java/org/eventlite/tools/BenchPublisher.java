package org.eventlite.tools;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * One publisher connection: pipelines batches of publishes with a bounded
 * number unacknowledged, or, paced, one event at a time at the rate asked.
 * Each event's JSON carries the instant it was written, for latency.
 */
final class BenchPublisher {

    private static final int MAX_UNACKNOWLEDGED = 20_000;
    /**
     * Bytes of events, all publishers together, published and not yet received by every
     * subscriber, counted as they travel (base64 on EventLite's wire). Without it a publisher
     * acknowledged as soon as the server has queued its event outruns the subscribers until
     * the server drops them (EventLite past 8 MiB pending for 10 s or at 32 MiB, Redis at its pub/sub
     * output buffer limits, 8 MB for a minute or 32 MB): a run should measure what a server
     * sustains, not that.
     */
    private static final long MAX_IN_FLIGHT_BYTES = 4 << 20;
    private static final int BATCH = 256;

    private final BenchRun run;
    private final Socket socket;
    private final int publisher;
    private final Semaphore window = new Semaphore(MAX_UNACKNOWLEDGED);

    BenchPublisher(BenchRun run, Socket socket, int publisher) {
        this.run = run;
        this.socket = socket;
        this.publisher = publisher;
    }

    Thread start() {
        Thread acks = new Thread(this::readAcks, "bench-acks-" + publisher);
        acks.setDaemon(true);
        acks.start();
        Thread writer = new Thread(this::publish, "bench-pub-" + publisher);
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private void publish() {
        if (run.shape == BenchShape.STREAM) {
            publishThroughStream();
            return;
        }
        BenchPayload payload = new BenchPayload(run.event, run.size);
        ByteSink json = new ByteSink();
        ByteSink batch = new ByteSink();
        long inFlight = inFlightWindow();
        int perWrite = run.rate > 0 ? 1 : (int) Math.min(BATCH, inFlight);
        try {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            for (int seq = 0; seq < run.events; seq += perWrite) {
                int count = Math.min(perWrite, run.events - seq);
                window.acquire(count);
                awaitSubscribers(seq + count, inFlight);
                if (run.rate > 0) {
                    awaitDue(start, seq);
                }
                batch.clear();
                for (int i = seq; i < seq + count; i++) {
                    json.clear();
                    payload.write(json, publisher, i, System.nanoTime());
                    run.wire.appendPublish(batch, json.array(), json.length());
                }
                batch.writeTo(out);
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            run.fail("publisher " + publisher + ": " + e);
        }
    }

    /**
     * The stream shape: every publish written through a 64 KiB buffered stream as soon as it is
     * made; only TCP's flow control (and the server) holds the publisher back. Paced, each event
     * is flushed when due, as an application sending one message at a time does.
     */
    private void publishThroughStream() {
        BenchPayload payload = new BenchPayload(run.event, run.size);
        ByteSink json = new ByteSink();
        ByteSink request = new ByteSink();
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BenchShape.STREAM_WRITE_BYTES);
            long start = System.nanoTime();
            for (int seq = 0; seq < run.events; seq++) {
                if (run.rate > 0) {
                    out.flush();
                    awaitDue(start, seq);
                }
                json.clear();
                payload.write(json, publisher, seq, System.nanoTime());
                request.clear();
                run.wire.appendPublish(request, json.array(), json.length());
                request.writeTo(out);
            }
            out.flush();
        } catch (IOException e) {
            run.fail("publisher " + publisher + ": " + e);
        }
    }

    /** This publisher's share of {@link #MAX_IN_FLIGHT_BYTES} in events; at least one. */
    private long inFlightWindow() {
        long wireBytes = (run.size + 2L) / 3 * 4 + 2;
        return Math.max(1, MAX_IN_FLIGHT_BYTES / (wireBytes * run.publishers));
    }

    /** Waits until every subscriber is close enough behind for events up to {@code seq} to be in flight. */
    private void awaitSubscribers(int seq, long window) {
        while (seq - run.deliveredToAll(publisher) > window && run.failure() == null) {
            LockSupport.parkNanos(50_000);
        }
    }

    /** Paced mode: waits until event {@code seq} is due, so the rate holds however long each write takes. */
    private void awaitDue(long start, int seq) {
        long due = start + seq * 1_000_000_000L / run.rate;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private void readAcks() {
        BenchWire.AckCounter counter = run.wire.ackCounter();
        byte[] buffer = new byte[64 * 1024];
        long acknowledged = 0;
        try {
            InputStream in = socket.getInputStream();
            int n;
            while (acknowledged < run.events && (n = in.read(buffer)) > 0) {
                int replies = counter.count(buffer, n);
                acknowledged += replies;
                window.release(replies);
            }
        } catch (IOException e) {
            run.fail("publisher " + publisher + ": " + e.getMessage());
        }
    }
}
