package org.eventlite.cdi;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A managed executor usable from any thread, network I/O threads included.
 * Those threads lack the application's context, and a managed executor
 * captures the submitter's context; so submissions go through a contextual
 * proxy created on an application thread, and tasks run with the
 * application's class loader, naming and CDI.
 */
@ApplicationScoped
public class ApplicationExecutor implements Executor {

    private volatile Executor executor;

    /** Must first be called on an application thread (the bridge MDB does so before any I/O thread calls in). */
    public void prepare() {
        if (executor == null) {
            synchronized (this) {
                if (executor == null) {
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
            throw new IllegalStateException("EventLite needs the default managed executor and context service"
                    + " (feature concurrent-3.0) and must first be called on an application thread", e);
        }
    }
}
