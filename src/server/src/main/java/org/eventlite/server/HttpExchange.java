package org.eventlite.server;

import java.net.InetSocketAddress;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.ErrorCode;

/**
 * One HTTP publish as a connection the request router can decide and route: the
 * router is synchronous, so an error it closes with is here when it returns.
 */
final class HttpExchange implements Connection {

    private final long id = HttpClients.nextId();
    private final InetSocketAddress address;
    private ErrorCode error;

    HttpExchange(InetSocketAddress address) {
        this.address = address;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return address;
    }

    @Override
    public boolean send(Frame frame) {
        return true; // ok or permission denied: the gateway knows which from admitPublish and answers in HTTP
    }

    @Override
    public void close(ErrorCode reason) {
        error = reason;
    }

    @Override
    public boolean isOpen() {
        return error == null;
    }

    /** The router's error, if it closed the exchange instead of answering. */
    ErrorCode error() {
        return error;
    }
}
