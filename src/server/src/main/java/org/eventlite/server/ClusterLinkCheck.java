package org.eventlite.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eventlite.cdi.cluster.ClusterBridge;

/**
 * Readiness of the cluster link: DOWN with the reason while this server cannot
 * exchange events with the others (the link reconnects by itself), UP when it
 * can, and UP with {@code cluster: disabled} on a server of its own. With
 * {@code eventlite.cluster.ready-while-link-down} it stays UP, the link's state in its data:
 * the server keeps serving its own clients while events do not cross.
 */
@Readiness
@ApplicationScoped
public class ClusterLinkCheck implements HealthCheck {

    @Inject
    ClusterBridge cluster;

    @Override
    public HealthCheckResponse call() {
        if (!cluster.enabled()) {
            return HealthCheckResponse.named("eventlite-cluster").up().withData("cluster", "disabled").build();
        }
        return HealthCheckResponse.named("eventlite-cluster")
                .status(cluster.up() || cluster.readyWhileLinkDown())
                .withData("readyWhileLinkDown", cluster.readyWhileLinkDown())
                .withData("server", String.valueOf(cluster.node()))
                .withData("link", cluster.state())
                .withData("through", cluster.through())
                .withData("forwarded", cluster.forwarded())
                .withData("received", cluster.received())
                .withData("notForwarded", cluster.dropped())
                .withData("publishersHeldBack", cluster.publishersHeldBack())
                .build();
    }
}
