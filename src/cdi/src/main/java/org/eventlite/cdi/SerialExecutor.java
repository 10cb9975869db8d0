package org.eventlite.cdi;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on another executor's
 * threads, without holding one of them while idle. Bounded: past
 * {@code maxQueued} waiting tasks, new ones are dropped and counted, so a
 * slow consumer costs memory up to the bound and no more.
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final String name;
    private final Executor target;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();

    SerialExecutor(String name, Executor target, int maxQueued) {
        this.name = name;
        this.target = target;
        this.maxQueued = maxQueued;
    }

    @Override
    public void execute(Runnable task) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            if (dropped.getAndIncrement() % 10_000 == 0) {
                LOG.log(Level.WARNING, "{0} is more than {1} events behind; dropped {2} so far",
                        new Object[] {name, maxQueued, dropped.get()});
            }
            return;
        }
        tasks.add(task);
        if (running.compareAndSet(false, true)) {
            try {
                target.execute(this::drain);
            } catch (RuntimeException e) {
                running.set(false);
                LOG.log(Level.SEVERE, e, () -> name + ": the managed executor refused work; events wait for the next try");
                throw e;
            }
        }
    }

    int dropped() {
        return dropped.get();
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                queued.decrementAndGet();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, e, () -> name + " failed on an event");
                }
            }
            running.set(false);
        } while (!tasks.isEmpty() && running.compareAndSet(false, true));
    }
}
