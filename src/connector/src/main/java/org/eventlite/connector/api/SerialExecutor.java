package org.eventlite.connector.api;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on another executor's
 * threads, without holding one of them while idle. Bounded: past
 * {@code maxQueued} waiting tasks or {@code maxQueuedBytes} of the data they
 * hold, new ones are dropped and counted, so a slow consumer costs memory up
 * to the bound and no more.
 */
public final class SerialExecutor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final String name;
    private final Executor target;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private final ConcurrentLinkedQueue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();

    private record Task(long bytes, Runnable work) {
    }

    public SerialExecutor(String name, Executor target, int maxQueued, long maxQueuedBytes) {
        this.name = name;
        this.target = target;
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Queues {@code work}, which holds about {@code bytes} of data until it has run.
     *
     * @return false if it was dropped, the queue being full
     * @throws RuntimeException if the target executor refused to start draining; the work stays queued
     */
    public boolean execute(long bytes, Runnable work) {
        int count = queued.incrementAndGet();
        long held = queuedBytes.addAndGet(bytes);
        if (count > maxQueued || held > maxQueuedBytes) {
            queued.decrementAndGet();
            queuedBytes.addAndGet(-bytes);
            if (dropped.getAndIncrement() % 10_000 == 0) {
                LOG.log(Level.WARNING, "{0} is more than {1} events or {2} bytes behind; dropped {3} so far",
                        new Object[] {name, maxQueued, maxQueuedBytes, dropped.get()});
            }
            return false;
        }
        tasks.add(new Task(bytes, work));
        if (running.compareAndSet(false, true)) {
            try {
                target.execute(this::drain);
            } catch (RuntimeException e) {
                running.set(false);
                LOG.log(Level.SEVERE, e, () -> name + ": the executor refused work; events wait for the next try");
                throw e;
            }
        }
        return true;
    }

    public int dropped() {
        return dropped.get();
    }

    private void drain() {
        do {
            Task task;
            while ((task = tasks.poll()) != null) {
                queued.decrementAndGet();
                queuedBytes.addAndGet(-task.bytes());
                try {
                    task.work().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, e, () -> name + " failed on an event");
                }
            }
            running.set(false);
        } while (!tasks.isEmpty() && running.compareAndSet(false, true));
    }
}
