package org.eventlite.cdi.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether Liberty's engine accepts TCP connections at {@code host:port}, asked before each of the
 * link's connection attempts: Liberty's messaging client writes FFDC files for every attempt that
 * fails, refused connections included, and a plain socket opened and closed writes none.
 */
final class EngineProbe {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private EngineProbe() {
    }

    /**
     * {@code host:port}, unresolved: the name is looked up at each probe, so a moved engine is found.
     *
     * @throws IllegalArgumentException when {@code engine} is not {@code host:port}
     */
    static InetSocketAddress address(String engine) {
        int colon = engine.lastIndexOf(':');
        if (colon < 1 || !engine.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("engine must be host:port, was " + engine);
        }
        int port = Integer.parseInt(engine.substring(colon + 1));
        return InetSocketAddress.createUnresolved(engine.substring(0, colon), port);
    }

    /** @param engine {@code host:port}, as {@link ClusterSettings} checked it */
    static boolean reachable(String engine) {
        InetSocketAddress address = address(engine);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
