package org.eventlite.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A managed executor usable from any thread, network I/O threads included.
 * Those threads lack the application's context, and a managed executor
 * captures the submitter's context; so submissions go through a contextual
 * proxy created on an application thread, and tasks run with the
 * application's class loader, naming and CDI. Loops that run as long as the
 * application get threads of their own instead ({@link #startLoop}).
 */
@ApplicationScoped
public class ApplicationExecutor implements Executor {

    /**
     * The context of {@link #startLoop}'s threads: the application's, and no transaction
     * context of their own (defined on the bridge MDB, in the application's namespace). A
     * managed thread otherwise runs inside one local transaction containment for its whole
     * life, and a messaging connection that broke while it ran (the engine's server stopped)
     * is rolled back only when the thread ends, which fails and leaves four FFDC files.
     */
    public static final String LOOP_CONTEXT = "java:app/concurrent/eventlite-loop-context";
    public static final String LOOP_THREADS = "java:app/concurrent/eventlite-loop-threads";

    private volatile Executor executor;
    private volatile ManagedThreadFactory threads;
    private volatile ExecutorService blockingWork;

    /** Must first be called on an application thread (the bridge MDB does so before any I/O thread calls in). */
    public void prepare() {
        if (executor == null) {
            synchronized (this) {
                if (executor == null) {
                    threads = lookup(LOOP_THREADS);
                    executor = contextual();
                }
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        prepare();
        executor.execute(task);
    }

    /**
     * Starts {@code loop} on a new managed thread (the application's context, not one of the
     * server's pool threads). Liberty runs every managed executor's tasks, long-running ones
     * included, on its one shared pool, which keeps two threads per core when it shrinks: a
     * loop there holds one of them for good, and once loops hold them all, queued work (the
     * messaging client's reads, HTTP requests) waits for the pool's controller to add a thread,
     * which it does every 1.5 s. The thread has the application's context without a
     * transaction ({@link #LOOP_CONTEXT}).
     */
    public void startLoop(Runnable loop, String name) {
        prepare();
        Thread thread = threads.newThread(loop);
        thread.setName(name);
        thread.start();
    }

    /**
     * An executor for tasks that may block for long, such as a write to an HTTP client that
     * stopped reading (Liberty's servlet output blocks until its write timeout, non-blocking
     * mode included): threads of its own, made when every one is busy and ended after a
     * minute idle, with the application's context (as {@link #startLoop}'s). On Liberty's
     * shared pool such tasks would hold the threads that health checks and HTTP requests need
     * until the pool's controller adds more. Callers bound how many of their tasks run at once.
     */
    public Executor blockingWork() {
        prepare();
        if (blockingWork == null) {
            synchronized (this) {
                if (blockingWork == null) {
                    blockingWork = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES,
                            new SynchronousQueue<>(), threads);
                }
            }
        }
        return blockingWork;
    }

    @PreDestroy
    void stopBlockingWork() {
        if (blockingWork != null) {
            blockingWork.shutdownNow();
        }
    }

    /**
     * Wraps {@code instance} so that calls from any thread run with the application's
     * context on the calling thread. Must be called on an application thread.
     */
    public <T> T onCallersThread(T instance, Class<T> type) {
        return contextService().createContextualProxy(instance, type);
    }

    private static Executor contextual() {
        ManagedExecutorService managed = lookup("java:comp/DefaultManagedExecutorService");
        Executor submit = managed::execute;
        return contextService().createContextualProxy(submit, Executor.class);
    }

    private static ContextService contextService() {
        return lookup("java:comp/DefaultContextService");
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("EventLite needs " + name + " (feature concurrent-3.0) and must first be"
                    + " called on one of its application's threads", e);
        }
    }
}
