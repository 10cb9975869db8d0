package org.eventlite.cdi;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an event came from.
 *
 * @param source        a remote client over TCP, or an application in this server
 * @param remoteAddress the client's address; empty for events from the application
 * @param user          the authenticated user name; empty for anonymous clients and the application
 */
public record EventOrigin(Source source, Optional<InetSocketAddress> remoteAddress, Optional<String> user) {

    public enum Source { REMOTE_CLIENT, APPLICATION }

    public static final EventOrigin APPLICATION = new EventOrigin(Source.APPLICATION, Optional.empty(), Optional.empty());

    public EventOrigin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(user, "user");
    }

    public static EventOrigin remote(InetSocketAddress address, String user) {
        return new EventOrigin(Source.REMOTE_CLIENT, Optional.of(address),
                user.isEmpty() ? Optional.empty() : Optional.of(user));
    }
}
