package org.eventlite.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Opens client sockets the same way for publishers and subscribers, plain or TLS. */
final class Sockets {

    private Sockets() {
    }

    static Socket open(ClientSettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            int timeout = (int) settings.connectTimeout().toMillis();
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            return settings.tls().isPresent() ? secure(socket, settings.tls().get(), settings.host(), timeout) : socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** TLS over the connected socket; the server's certificate must name the host we connected to. */
    private static Socket secure(Socket plain, SSLContext context, String host, int timeout) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeout);
        socket.startHandshake();
        socket.setSoTimeout(0);
        return socket;
    }
}
