package org.eventlite.connector;

import jakarta.resource.spi.ConnectionRequestInfo;
import org.eventlite.protocol.Credentials;

/** The identity an application asked for in {@code getConnection(user, password)}; pooled connections match on it. */
record IdentityRequest(Credentials credentials) implements ConnectionRequestInfo {
}
