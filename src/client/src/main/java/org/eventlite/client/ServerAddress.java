package org.eventlite.client;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A server's address as users write it: {@code host:port}, {@code host}
 * (port 34343), or an IPv6 address in brackets, {@code [::1]:34343}.
 */
public record ServerAddress(String host, int port) {

    public static final int DEFAULT_PORT = 34343;

    /** @throws IllegalArgumentException naming what is wrong */
    public static ServerAddress parse(String hostAndPort) {
        Objects.requireNonNull(hostAndPort, "hostAndPort");
        int close = hostAndPort.startsWith("[") ? hostAndPort.indexOf(']') : -1;
        int colon = hostAndPort.indexOf(':', Math.max(0, close));
        String host = close > 0 ? hostAndPort.substring(1, close)
                : colon >= 0 ? hostAndPort.substring(0, colon) : hostAndPort;
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in '" + hostAndPort + "'");
        }
        try {
            int port = colon >= 0 ? Integer.parseInt(hostAndPort.substring(colon + 1)) : DEFAULT_PORT;
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new ServerAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + hostAndPort + "'", e);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }
}
