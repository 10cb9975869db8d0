package org.eventlite.server;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

/** Identities of HTTP clients as connections: negative ids, apart from the TCP listener's positive ones. */
final class HttpClients {

    private static final AtomicLong IDS = new AtomicLong();

    private HttpClients() {
    }

    static long nextId() {
        return IDS.decrementAndGet();
    }

    /** The peer's address as the servlet container reports it: a literal, so no name lookup happens. */
    static InetSocketAddress address(HttpServletRequest request) {
        try {
            return new InetSocketAddress(InetAddress.getByName(request.getRemoteAddr()), request.getRemotePort());
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved(request.getRemoteAddr(), request.getRemotePort());
        }
    }
}
