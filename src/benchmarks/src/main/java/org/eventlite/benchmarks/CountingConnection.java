package org.eventlite.benchmarks;

import java.net.InetSocketAddress;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.ErrorCode;

/** A subscriber that only counts what it is sent, so the registry's own cost is what is measured. */
final class CountingConnection implements Connection {

    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 40000);

    private final long id;
    long received;

    CountingConnection(long id) {
        this.id = id;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return ADDRESS;
    }

    @Override
    public boolean send(Frame frame) {
        received++;
        return true;
    }

    @Override
    public void close(ErrorCode reason) {
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
