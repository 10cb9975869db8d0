package org.eventlite.cdi.broker;

import java.net.InetSocketAddress;
import org.eventlite.connector.api.CloseReason;

/** A TCP connection or SSE stream closed; {@code reason} says why (its kind: peer closed, error reply, slow consumer, ...). */
public record ClientDisconnected(long connectionId, InetSocketAddress remoteAddress, CloseReason reason) {
}
