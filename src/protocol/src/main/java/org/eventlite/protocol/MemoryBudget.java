package org.eventlite.protocol;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that many connections draw on together, such as the heap held by unfinished
 * request bodies: a connection reserves before it grows a buffer and releases when it
 * shrinks or closes, so that the sum stays under one named limit whoever sends what.
 * Thread-safe.
 */
public final class MemoryBudget {

    private final String name;
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    /**
     * @param name     what the budget is for, in messages
     * @param capacity bytes at most, positive
     */
    public MemoryBudget(String name, long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
    }

    /** A budget no workload reaches, for tools and tests that bound nothing. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget("unlimited", Long.MAX_VALUE / 2);
    }

    /** @return true if {@code bytes} were taken; false, taking nothing, if they would pass the capacity */
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    /** Reserves for a request's input, or fails it with {@code server-busy}. */
    void reserveForRequest(long bytes) throws ProtocolException {
        if (!tryReserve(bytes)) {
            throw new ProtocolException(ErrorCode.SERVER_BUSY, "unfinished request bodies hold "
                    + used() + " bytes; " + name + " is " + capacity);
        }
    }

    /** Takes {@code bytes} whether or not they fit; {@link #exceeded} tells. A negative count gives back. */
    public void add(long bytes) {
        used.addAndGet(bytes);
    }

    public boolean exceeded() {
        return used.get() > capacity;
    }

    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long capacity() {
        return capacity;
    }

    public String name() {
        return name;
    }
}
