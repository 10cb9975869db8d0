package org.eventlite.cdi.access;

import java.net.InetSocketAddress;

/**
 * The client an access decision is about: the original hooks received the
 * socket, this is what of it a decision may use.
 */
public record Client(long connectionId, InetSocketAddress remoteAddress) {
}
