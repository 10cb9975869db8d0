package org.eventlite.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The checks of one subscriber connection, fed by a {@link BenchReaders} thread:
 * every payload byte for byte, and per publisher that sequence numbers arrive in
 * order without gap or duplicate. The first failure ends it and fails the run.
 */
final class BenchSubscriber implements BenchWire.PayloadSink {

    /** Deliveries are added to the shared tally in steps, not one contended increment each. */
    private static final int TALLY_STEP = 1024;

    private final BenchRun run;
    private final CountDownLatch done;
    private final BenchPayload payload;
    private final BenchWire.FrameReader frames;
    private final int[] nextSeq;
    /** {@link #nextSeq} as other threads see it (a release store per event, no fence). */
    private final AtomicIntegerArray progress;
    private final long expected;
    private long received;
    private volatile boolean finished;

    BenchSubscriber(BenchRun run, CountDownLatch done) {
        this.run = run;
        this.done = done;
        this.payload = new BenchPayload(run.event, run.size);
        this.frames = run.wire.frameReader(this, run.size + 1024);
        this.nextSeq = new int[run.publishers];
        this.progress = new AtomicIntegerArray(run.publishers);
        this.expected = run.eventsPerSubscriber();
    }

    /** Bytes read from the connection; @return true once every event arrived or the subscriber failed */
    boolean feed(byte[] buffer, int count) {
        try {
            frames.feed(buffer, count);
        } catch (IOException e) {
            finish("subscriber: " + e.getMessage());
        }
        if (received == expected) {
            finish(null);
        }
        return finished;
    }

    /** The connection ended or failed: a failure unless everything arrived. */
    void ended(String why) {
        finish(received == expected ? null : "a subscriber got " + received + " of " + expected + " events (" + why + ")");
    }

    boolean finished() {
        return finished;
    }

    /** How many events of {@code publisher} have arrived, as of the last step; any thread. */
    int received(int publisher) {
        return finished ? Integer.MAX_VALUE : progress.get(publisher);
    }

    private void finish(String failure) {
        if (finished) {
            return;
        }
        finished = true;
        if (failure != null) {
            run.fail(failure);
        }
        run.deliveries.addAndGet(received % TALLY_STEP);
        done.countDown();
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
        if (received == expected) {
            throw new IOException("more events than published");
        }
        progress.lazySet(publisher, ++nextSeq[publisher]);
        if (run.rate > 0 && payload.seq() >= run.untimedEvents) {
            run.latencies.record(now - payload.sentNanos());
        }
        if (++received % TALLY_STEP == 0) {
            run.deliveries.addAndGet(TALLY_STEP);
        }
    }
}
