package org.eventlite.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eventlite.cdi.ListenerLifecycle;
import org.eventlite.cdi.broker.SubscriptionRegistry;

/**
 * UP only while the TCP listener is bound and accepting; DOWN says why
 * otherwise. Its data carries the live counts operators look at first.
 */
@Readiness
@ApplicationScoped
public class ListenerReadinessCheck implements HealthCheck {

    @Inject
    ListenerLifecycle state;

    @Inject
    SubscriptionRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eventlite-listener")
                .status(state.accepting())
                .withData("phase", state.phase().name().toLowerCase())
                .withData("reason", state.reason());
        response.withData("subscriptions", registry.subscriptionCount());
        state.status().ifPresent(status -> {
            response.withData("openConnections", status.openConnections());
            response.withData("slowConsumerDisconnects", status.slowConsumerDisconnects());
            response.withData("refusedConnections", status.refusedConnections());
            response.withData("requestBodyBytes", status.requestBodyBytes());
            response.withData("outboundBytes", status.outboundBytes());
            status.boundAddress().ifPresent(address -> response.withData("address", address.toString()));
            status.tlsBoundAddress().ifPresent(address -> response.withData("tlsAddress", address.toString()));
        });
        return response.build();
    }
}
