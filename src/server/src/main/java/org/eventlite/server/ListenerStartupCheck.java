package org.eventlite.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.eventlite.cdi.ListenerLifecycle;

/** UP once the listener has been activated and tried to bind, whatever the outcome; readiness tells the rest. */
@Startup
@ApplicationScoped
public class ListenerStartupCheck implements HealthCheck {

    @Inject
    ListenerLifecycle state;

    @Override
    public HealthCheckResponse call() {
        ListenerLifecycle.Phase phase = state.phase();
        boolean started = phase != ListenerLifecycle.Phase.NOT_ACTIVATED && phase != ListenerLifecycle.Phase.STARTING;
        return HealthCheckResponse.named("eventlite-startup")
                .status(started)
                .withData("phase", phase.name().toLowerCase())
                .build();
    }
}
