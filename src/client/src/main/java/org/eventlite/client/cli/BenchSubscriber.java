package org.eventlite.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * One subscriber connection on its own thread: checks every payload byte for
 * byte, and per publisher that sequence numbers arrive in order without gap or
 * duplicate; the first failure ends it and fails the run.
 */
final class BenchSubscriber implements BenchWire.PayloadSink {

    /** Deliveries are added to the shared tally in steps, not one contended increment each. */
    private static final int TALLY_STEP = 1024;

    private final BenchRun run;
    private final Socket socket;
    private final CountDownLatch done;
    private final BenchPayload payload;
    private final int[] nextSeq;
    private long received;

    BenchSubscriber(BenchRun run, Socket socket, CountDownLatch done) {
        this.run = run;
        this.socket = socket;
        this.done = done;
        this.payload = new BenchPayload(run.event, run.size);
        this.nextSeq = new int[run.publishers];
    }

    void start(String name) {
        Thread reader = new Thread(this::read, name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        long expected = run.eventsPerSubscriber();
        BenchWire.FrameReader frames = run.wire.frameReader(this, run.size + 1024);
        byte[] buffer = new byte[1 << 20];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while (received < expected && (n = in.read(buffer)) > 0) {
                frames.feed(buffer, n);
            }
            if (received != expected) {
                run.fail("a subscriber got " + received + " of " + expected + " events");
            }
        } catch (IOException e) {
            run.fail("subscriber: " + e.getMessage());
        } finally {
            run.deliveries.addAndGet(received % TALLY_STEP);
            done.countDown();
        }
    }

    @Override
    public void payload(byte[] bytes, int offset, int length) throws IOException {
        long now = System.nanoTime();
        if (!payload.check(bytes, offset, length) || payload.publisher() >= nextSeq.length) {
            throw new IOException("payload differs from what was published: "
                    + new String(bytes, offset, Math.max(0, Math.min(length, 120)), StandardCharsets.UTF_8));
        }
        int publisher = payload.publisher();
        if (payload.seq() != nextSeq[publisher]) {
            throw new IOException("publisher " + publisher + ": expected seq " + nextSeq[publisher] + ", got " + payload.seq());
        }
        nextSeq[publisher]++;
        if (run.rate > 0) {
            run.latencies.record(now - payload.sentNanos());
        }
        if (++received % TALLY_STEP == 0) {
            run.deliveries.addAndGet(TALLY_STEP);
        }
    }
}
