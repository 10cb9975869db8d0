package org.eventlite.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Opens client sockets the same way for publishers and subscribers. */
final class Sockets {

    private Sockets() {
    }

    static Socket open(ClientSettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                    (int) settings.connectTimeout().toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
