package org.eventlite.cdi.broker;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.ErrorCode;

/** A connection that records what is sent to it, for decisions tested without sockets. */
public final class RecordingConnection implements Connection {

    public final List<Frame> sent = new ArrayList<>();
    ErrorCode closedWith;
    private final long id;
    private final InetSocketAddress address;

    public RecordingConnection(long id, String host) {
        this.id = id;
        this.address = new InetSocketAddress(host, 40000);
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
        sent.add(frame);
        return true;
    }

    @Override
    public void close(ErrorCode reason) {
        closedWith = reason;
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }
}
