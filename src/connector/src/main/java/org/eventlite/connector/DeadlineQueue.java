package org.eventlite.connector;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The deadlines of one loop's connections, earliest first, loop thread only: a binary
 * heap in which each connection knows its place, so arming, moving and disarming cost
 * O(log n) and a wake-up looks at the due connections alone, however many wait (each
 * new connection's first-request timer puts every connection here for a while). A
 * connection is in the heap at most once, and leaves it when it closes.
 */
final class DeadlineQueue {

    private SocketConnection[] heap = new SocketConnection[64];
    private int size;

    /** {@code connection} is due at {@code nanos} ({@link System#nanoTime()}), whatever it was due at before. */
    void arm(SocketConnection connection, long nanos) {
        connection.deadlineNanos(nanos);
        int at = connection.deadlineIndex();
        if (at < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            at = size++;
            place(connection, at);
        }
        siftDown(siftUp(at));
    }

    void disarm(SocketConnection connection) {
        int at = connection.deadlineIndex();
        if (at < 0) {
            return;
        }
        connection.deadlineIndex(-1);
        SocketConnection last = heap[--size];
        heap[size] = null;
        if (at < size) {
            place(last, at);
            siftDown(siftUp(at));
        }
    }

    /** Milliseconds until the earliest deadline, between 1 and {@code max}. */
    long millisUntilNext(long now, long max) {
        if (size == 0) {
            return max;
        }
        return Math.max(1, Math.min(max, (heap[0].deadlineNanos() - now) / 1_000_000 + 1));
    }

    /** Hands every connection whose deadline has come to {@code due}, disarmed first. */
    void takeDue(long now, Consumer<SocketConnection> due) {
        while (size > 0 && heap[0].deadlineNanos() - now <= 0) {
            SocketConnection connection = heap[0];
            disarm(connection);
            due.accept(connection);
        }
    }

    int size() {
        return size;
    }

    private int siftUp(int at) {
        SocketConnection moving = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (heap[parent].deadlineNanos() - moving.deadlineNanos() <= 0) {
                break;
            }
            place(heap[parent], at);
            at = parent;
        }
        place(moving, at);
        return at;
    }

    private void siftDown(int at) {
        SocketConnection moving = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].deadlineNanos() - heap[child].deadlineNanos() < 0) {
                child++;
            }
            if (moving.deadlineNanos() - heap[child].deadlineNanos() <= 0) {
                break;
            }
            place(heap[child], at);
            at = child;
        }
        place(moving, at);
    }

    private void place(SocketConnection connection, int at) {
        heap[at] = connection;
        connection.deadlineIndex(at);
    }
}
