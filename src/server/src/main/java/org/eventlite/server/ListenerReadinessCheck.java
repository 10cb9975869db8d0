package org.eventlite.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eventlite.cdi.ListenerState;

/** UP only while the TCP listener is bound and accepting; DOWN says why otherwise. */
@Readiness
@ApplicationScoped
public class ListenerReadinessCheck implements HealthCheck {

    @Inject
    ListenerState state;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eventlite-listener")
                .status(state.accepting())
                .withData("phase", state.phase().name().toLowerCase())
                .withData("reason", state.reason());
        state.status().ifPresent(status -> {
            response.withData("openConnections", status.openConnections());
            status.boundAddress().ifPresent(address -> response.withData("address", address.toString()));
        });
        return response.build();
    }
}
