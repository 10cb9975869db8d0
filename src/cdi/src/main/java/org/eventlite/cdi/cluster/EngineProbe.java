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

    /** @param engine {@code host:port}, as {@link ClusterSettings#engine} checked it */
    static boolean reachable(String engine) {
        int colon = engine.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(engine.substring(0, colon),
                Integer.parseInt(engine.substring(colon + 1)));
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
