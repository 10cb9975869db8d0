package org.eventlite.connector.api;

import java.net.InetSocketAddress;

/**
 * The message-listener interface of the EventLite resource adapter. The
 * application implements it with a message-driven bean; the adapter calls it
 * once per activation, before it binds the port, and from then on talks only
 * to the handler it returns. An MDB call costs microseconds; the handler's
 * methods are plain calls, cheap enough for every request.
 */
public interface EventLiteListener {

    /**
     * Called on a container thread, inside the application's context, before
     * the listener binds {@code address}.
     *
     * @param address the host and port the activation spec names
     * @param status  live figures of this listener, for health checks and metrics
     * @return the handler of every connection of this activation
     */
    ConnectionHandler open(InetSocketAddress address, ListenerStatus status);
}
