package org.eventlite.cdi.broker;

import java.net.InetSocketAddress;

/** A TCP connection closed; {@code reason} says why (peer closed, an error id, slow-consumer, ...). */
public record ClientDisconnected(long connectionId, InetSocketAddress remoteAddress, String reason) {
}
