package org.eventlite.cdi.broker;

import java.net.InetSocketAddress;

/** A TCP client was admitted as a subscriber of {@code name}. */
public record ClientSubscribed(long connectionId, String name, InetSocketAddress remoteAddress, String user) {
}
