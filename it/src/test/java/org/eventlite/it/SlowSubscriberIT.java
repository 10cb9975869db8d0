package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * One subscriber of ten stops reading while large and small events flow: it
 * is dropped once past its pending-bytes limit (8 MiB by default), the nine
 * others receive everything in order, and the server's heap stays bounded.
 */
class SlowSubscriberIT {

    private static final String EVENT = "slow.flow";
    private static final int BIG_EVENTS = 100;
    private static final int BIG_EVENT_BYTES = 1024 * 1024;
    private static final int SMALL_EVENTS = 10_000;
    /** The hard limit, eventlite.subscriber.max-pending-bytes (its default). */
    private static final long MAX_PENDING_BYTES = 32L * 1024 * 1024;

    @Test
    void stalledSubscriberIsDroppedAndTheOthersReceiveEverythingInOrder() throws Exception {
        ServerProcess server = ServerProcess.of("eventlite-it");
        long heapBefore = server.heapUsedAfterGc();
        long droppedBefore = ServerHealth.listenerData().getJsonNumber("slowConsumerDisconnects").longValue();

        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new java.net.InetSocketAddress(TestServer.HOST, TestServer.PORT));
        stalled.getOutputStream().write(("subscribe/" + EVENT + ":|\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("ok", new String(stalled.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));

        List<RawClient> readers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try (RawClient publisher = RawClient.connect()) {
            for (int i = 0; i < 9; i++) {
                RawClient reader = RawClient.connect();
                readers.add(reader);
                assertEquals("ok", reader.subscribe(EVENT, TestServer.ANONYMOUS));
            }
            List<Future<Integer>> received = new ArrayList<>();
            AtomicIntegerArray progress = new AtomicIntegerArray(readers.size());
            for (int r = 0; r < readers.size(); r++) {
                RawClient reader = readers.get(r);
                int index = r;
                received.add(pool.submit(() -> readAll(reader, progress, index)));
            }

            // The readers keep up (at most two big events behind, far below the limit): only
            // the stalled subscriber may be dropped, however fast the server pushes frames.
            String filler = "x".repeat(BIG_EVENT_BYTES - ("{\"event\":\"" + EVENT + "\",\"seq\":\"000\",\"d\":\"\"}").length());
            for (int i = 0; i < BIG_EVENTS; i++) {
                assertEquals("ok", publisher.publish(EVENT, TestServer.ANONYMOUS, "{\"event\":\"" + EVENT
                        + "\",\"seq\":\"" + String.format("%03d", i) + "\",\"d\":\"" + filler + "\"}"));
                awaitReaders(progress, i - 1);
            }
            JsonObject afterBig = ServerHealth.awaitListenerData(
                    data -> data.getJsonNumber("slowConsumerDisconnects").longValue() > droppedBefore, Duration.ofSeconds(2));
            assertEquals(droppedBefore + 1, afterBig.getJsonNumber("slowConsumerDisconnects").longValue(),
                    "the stalled subscriber was not dropped within 2 s");

            ByteArrayOutputStream small = new ByteArrayOutputStream();
            for (int i = 0; i < SMALL_EVENTS; i++) {
                small.writeBytes(RawClient.publishBytes(EVENT, TestServer.ANONYMOUS, "{\"seq\":" + (BIG_EVENTS + i) + "}"));
            }
            publisher.send(small.toByteArray());
            assertEquals("ok".repeat(SMALL_EVENTS), new String(publisher.readExactly(2 * SMALL_EVENTS, Duration.ofSeconds(30)),
                    StandardCharsets.US_ASCII));

            for (Future<Integer> count : received) {
                assertEquals(BIG_EVENTS + SMALL_EVENTS, count.get(120, TimeUnit.SECONDS));
            }
            long heapGrowth = server.heapUsedAfterGc() - heapBefore;
            if (heapGrowth >= MAX_PENDING_BYTES * 12 / 10) {
                throw new AssertionError("server heap grew by " + heapGrowth
                        + " bytes, over the pending limit plus 20%:" + server.topOfHeapHistogram(15));
            }
        } finally {
            pool.shutdownNow();
            for (RawClient reader : readers) {
                reader.close();
            }
            stalled.close();
        }
    }

    /** Under the pending-bytes limit, a subscriber that reads nothing is dropped by the write timeout (3 s here). */
    @Test
    void subscriberMakingNoProgressIsDroppedAfterTheWriteTimeout() throws Exception {
        long droppedBefore = ServerHealth.listenerData().getJsonNumber("slowConsumerDisconnects").longValue();
        try (Socket stalled = new Socket(); RawClient publisher = RawClient.connect()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress(TestServer.HOST, TestServer.PORT));
            stalled.getOutputStream().write("subscribe/slow.stall:|\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ok", new String(stalled.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));

            // About 6 MB of frames: more than the kernel's socket buffers hold (up to 4 MB on
            // loopback), less than the 8 MiB pending limit, so only the write timeout can act.
            String filler = "y".repeat(64 * 1024);
            long published = System.nanoTime();
            for (int i = 0; i < 72; i++) {
                assertEquals("ok", publisher.publish("slow.stall", TestServer.ANONYMOUS, "{\"d\":\"" + filler + "\"}"));
            }
            JsonObject after = ServerHealth.awaitListenerData(
                    data -> data.getJsonNumber("slowConsumerDisconnects").longValue() > droppedBefore, Duration.ofSeconds(8));
            Duration took = Duration.ofNanos(System.nanoTime() - published);
            assertEquals(droppedBefore + 1, after.getJsonNumber("slowConsumerDisconnects").longValue(), "not dropped");
            assertTrue(took.compareTo(Duration.ofMillis(2900)) >= 0, "dropped after " + took + ", before the write timeout");
        }
    }

    /** Waits until every reader has read {@code count} events. */
    private static void awaitReaders(AtomicIntegerArray progress, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int r = 0; r < progress.length(); r++) {
            while (progress.get(r) < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("reader " + r + " has read " + progress.get(r) + " of " + count + " events");
                }
                Waits.betweenPolls(5);
            }
        }
    }

    /** Reads every event in order, counting them in {@code progress}; returns how many arrived. */
    private static int readAll(RawClient reader, AtomicIntegerArray progress, int index) throws IOException {
        for (int i = 0; i < BIG_EVENTS + SMALL_EVENTS; i++) {
            String json = reader.readEventJson();
            String expected = i < BIG_EVENTS
                    ? "{\"event\":\"" + EVENT + "\",\"seq\":\"" + String.format("%03d", i) + "\","
                    : "{\"event\":\"" + EVENT + "\",\"seq\":" + i + "}";
            if (!json.startsWith(expected)) {
                throw new AssertionError("event " + i + " out of order: " + json.substring(0, Math.min(60, json.length())));
            }
            progress.incrementAndGet(index);
        }
        return BIG_EVENTS + SMALL_EVENTS;
    }
}
