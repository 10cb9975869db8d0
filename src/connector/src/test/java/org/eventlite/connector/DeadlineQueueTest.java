package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.MemoryBudget;
import org.junit.jupiter.api.Test;

class DeadlineQueueTest {

    private static final long MS = 1_000_000;

    private static SocketConnection connection(long id) {
        return new SocketConnection(id, Transport.plain(null), new InetSocketAddress("127.0.0.1", 1), null,
                null, ListenerSettings.DEFAULTS, MemoryBudget.unlimited(), MemoryBudget.unlimited());
    }

    private static List<Long> due(DeadlineQueue queue, long now) {
        List<Long> ids = new ArrayList<>();
        queue.takeDue(now, connection -> ids.add(connection.id()));
        return ids;
    }

    @Test
    void connectionsComeDueInOrderOfTheirLatestDeadlineOnceEach() {
        DeadlineQueue queue = new DeadlineQueue();
        long t = System.nanoTime();
        SocketConnection later = connection(1);
        SocketConnection sooner = connection(2);
        SocketConnection postponed = connection(3);
        SocketConnection advanced = connection(4);
        SocketConnection cancelled = connection(5);
        queue.arm(later, t + 100 * MS);
        queue.arm(sooner, t + 50 * MS);
        queue.arm(postponed, t + 60 * MS);
        queue.arm(postponed, t + 200 * MS);
        queue.arm(advanced, t + 300 * MS);
        queue.arm(advanced, t + 20 * MS);
        queue.arm(cancelled, t + 10 * MS);
        queue.disarm(cancelled);

        assertEquals(List.of(), due(queue, t));
        assertEquals(List.of(4L), due(queue, t + 30 * MS));
        assertEquals(List.of(2L), due(queue, t + 70 * MS));
        assertEquals(List.of(1L), due(queue, t + 150 * MS));
        assertEquals(List.of(3L), due(queue, t + 250 * MS));
        assertEquals(List.of(), due(queue, t + 400 * MS), "the advanced connection came due once");
        assertEquals(0, queue.size());
        assertEquals(1000, queue.millisUntilNext(t + 400 * MS, 1000));
    }

    @Test
    void aDisarmedConnectionLeavesTheQueueAtOnceWhateverItsPlace() {
        DeadlineQueue queue = new DeadlineQueue();
        long t = System.nanoTime();
        List<SocketConnection> connections = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            SocketConnection connection = connection(i);
            connections.add(connection);
            queue.arm(connection, t + (i * 7919L % 1000) * MS);
        }
        for (int i = 0; i < 1000; i += 2) {
            queue.disarm(connections.get(i));
        }
        assertEquals(500, queue.size());
        List<Long> due = due(queue, t + 1000 * MS);
        assertEquals(500, due.size());
        long previous = Long.MIN_VALUE;
        for (long id : due) {
            assertEquals(1, id % 2, "a disarmed connection came due");
            long at = id * 7919L % 1000;
            assertTrue(at >= previous, "out of order");
            previous = at;
        }
        assertEquals(0, queue.size());
    }

    @Test
    void theLoopWakesForTheEarliestEntryAtMostAfterTheLongestWait() {
        DeadlineQueue queue = new DeadlineQueue();
        long t = System.nanoTime();
        queue.arm(connection(1), t + 5 * MS);
        assertEquals(6, queue.millisUntilNext(t, 1000));
        assertEquals(1, queue.millisUntilNext(t + 10 * MS, 1000));
        queue.arm(connection(2), t - 5 * MS);
        assertEquals(1, queue.millisUntilNext(t, 1000));
    }
}
