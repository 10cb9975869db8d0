package org.eventlite.cdi.broker;

import java.net.InetSocketAddress;

/** A request was answered {@code permission denied}. */
public record RequestDenied(Action action, String name, InetSocketAddress remoteAddress, String user) {

    public enum Action { PUBLISH, SUBSCRIBE }
}
