package org.eventlite.server;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Settings;
import org.eventlite.cdi.ListenerLifecycle;

/**
 * Logs an error when no endpoint has activated the listener after
 * {@code eventlite.activation-timeout}. A wrong activationSpec id in
 * server.xml only makes Liberty warn (CNTR4015W) while the application
 * "starts" and nothing listens; this names the likely cause.
 */
@ApplicationScoped
public class ActivationWatchdog {

    private static final Logger LOG = Logger.getLogger(ActivationWatchdog.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    EventLiteConfig config;

    @Inject
    ListenerLifecycle state;

    private volatile ScheduledFuture<?> pending;

    void applicationStarted(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long millis = config.value(Settings.ACTIVATION_TIMEOUT).toMillis();
        pending = scheduler.schedule(this::check, millis, TimeUnit.MILLISECONDS);
    }

    /** A restarted application schedules its own check; this one must not run in a stopped context. */
    @PreDestroy
    void applicationStopping() {
        ScheduledFuture<?> check = pending;
        if (check != null) {
            check.cancel(false);
        }
    }

    private void check() {
        if (state.phase() == ListenerLifecycle.Phase.NOT_ACTIVATED) {
            LOG.log(Level.SEVERE, "EventLite: no endpoint activated the listener within {0}. Check that server.xml"
                    + " has <activationSpec id=\"eventlite/eventlite-server/BridgeBean\"> matching the application"
                    + " and module names; readiness stays DOWN.", config.value(Settings.ACTIVATION_TIMEOUT));
        }
    }
}
