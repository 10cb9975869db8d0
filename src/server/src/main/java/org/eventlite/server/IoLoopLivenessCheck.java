package org.eventlite.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eventlite.cdi.ListenerLifecycle;

/**
 * DOWN when an I/O loop has not gone round for {@link #MAX_LOOP_SILENCE}: the
 * loops wake every second even when idle, so a silent loop is stuck and a
 * restart is the cure; and DOWN at once when a loop has ended while the
 * listener runs, since its share of connections would go unserved. A listener
 * that is not running is a readiness matter.
 */
@Liveness
@ApplicationScoped
public class IoLoopLivenessCheck implements HealthCheck {

    static final Duration MAX_LOOP_SILENCE = Duration.ofSeconds(10);

    @Inject
    ListenerLifecycle state;

    @Override
    public HealthCheckResponse call() {
        Duration silence = state.accepting()
                ? state.status().map(status -> status.longestLoopSilence()).orElse(Duration.ZERO)
                : Duration.ZERO;
        int failedLoops = state.accepting() ? state.status().map(status -> status.failedLoops()).orElse(0) : 0;
        return HealthCheckResponse.named("eventlite-io-loops")
                .status(silence.compareTo(MAX_LOOP_SILENCE) < 0 && failedLoops == 0)
                .withData("longestLoopSilenceMillis", silence.toMillis())
                .withData("failedLoops", failedLoops)
                .withData("limitMillis", MAX_LOOP_SILENCE.toMillis())
                .build();
    }
}
