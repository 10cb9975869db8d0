package org.eventlite.api;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an event came from.
 *
 * @param source        a remote client over TCP or HTTP, an application in this server, or another
 *                      server of the cluster
 * @param remoteAddress the client's address; empty for events from an application or another server
 * @param user          the authenticated user name; empty for anonymous clients and for EventLite's own
 *                      application; for another application, the identity of its connection factory
 * @param server        for events from the cluster, the name of the server where they were published
 */
public record EventOrigin(Source source, Optional<InetSocketAddress> remoteAddress, Optional<String> user,
        Optional<String> server) {

    public enum Source { REMOTE_CLIENT, APPLICATION, CLUSTER }

    public static final EventOrigin APPLICATION =
            new EventOrigin(Source.APPLICATION, Optional.empty(), Optional.empty(), Optional.empty());

    public EventOrigin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(server, "server");
    }

    public static EventOrigin remote(InetSocketAddress address, String user) {
        return new EventOrigin(Source.REMOTE_CLIENT, Optional.of(address), named(user), Optional.empty());
    }

    /** An event an application on this server published through the connection factory, as {@code user}. */
    public static EventOrigin application(String user) {
        return new EventOrigin(Source.APPLICATION, Optional.empty(), named(user), Optional.empty());
    }

    /** An event another server of the cluster accepted and forwarded. */
    public static EventOrigin cluster(String server, String user) {
        return new EventOrigin(Source.CLUSTER, Optional.empty(), named(user), Optional.of(server));
    }

    private static Optional<String> named(String user) {
        return user == null || user.isEmpty() ? Optional.empty() : Optional.of(user);
    }
}
