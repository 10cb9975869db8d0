package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Repeated subscribe and disconnect leaves no trace: the registry empties and
 * threads, file descriptors and heap return to their baseline. The CI count
 * is scaled down; `eventlite.churn.cycles` (100000 in scripts/soak.sh) runs more.
 */
class ChurnIT {

    private static final int CYCLES = Integer.getInteger("eventlite.churn.cycles", 3000);
    private static final Duration SETTLE = Duration.ofSeconds(20);
    /** Allowance for threads the server's own pools start or retire meanwhile. */
    private static final int THREAD_SLACK = 10;
    private static final int FD_SLACK = 10;
    private static final long HEAP_SLACK_BYTES = 4L * 1024 * 1024;

    @Test
    void subscribeDisconnectCyclesLeaveNoTrace() throws Exception {
        ServerProcess server = ServerProcess.of("eventlite-it");
        JsonObject before = ServerHealth.awaitListenerData(d -> d.getInt("openConnections") == 0, SETTLE);
        int subscriptionsBefore = before.getInt("subscriptions");
        int threadsBefore = server.threads();
        long fdsBefore = server.openFileDescriptors();
        long heapBefore = server.heapUsedAfterGc();

        for (int i = 0; i < CYCLES; i++) {
            try (RawClient client = RawClient.connect()) {
                assertEquals("ok", client.subscribe("churn." + (i % 50), TestServer.ANONYMOUS));
            }
        }

        JsonObject after = ServerHealth.awaitListenerData(
                d -> d.getInt("openConnections") == 0 && d.getInt("subscriptions") == subscriptionsBefore, SETTLE);
        assertEquals(0, after.getInt("openConnections"));
        assertEquals(subscriptionsBefore, after.getInt("subscriptions"), "the registry kept subscriptions of closed connections");
        assertTrue(server.threads() <= threadsBefore + THREAD_SLACK, "threads " + threadsBefore + " -> " + server.threads());
        assertTrue(server.openFileDescriptors() <= fdsBefore + FD_SLACK,
                "file descriptors " + fdsBefore + " -> " + server.openFileDescriptors());
        long heapAfter = server.heapUsedAfterGc();
        assertTrue(heapAfter <= heapBefore + HEAP_SLACK_BYTES, "heap " + heapBefore + " -> " + heapAfter);
    }
}
