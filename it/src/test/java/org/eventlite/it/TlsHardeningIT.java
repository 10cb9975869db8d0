package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** What a TLS client may not make the TLS listener do: strand its records, or renegotiate. */
class TlsHardeningIT {

    private static final int WAIT_MILLIS = 10_000;

    private static SSLSocket connect(String... protocols) throws Exception {
        SSLSocket socket = (SSLSocket) TestTls.trustingTheTestCertificate().getSocketFactory()
                .createSocket("localhost", TestTls.PORT);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(WAIT_MILLIS);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.startHandshake();
        return socket;
    }

    /** Each publish is its own TLS record, all sent before any reply is read: every one is answered. */
    @Test
    void everyPipelinedRecordIsAnsweredWithoutTheClientSendingMore() throws Exception {
        int publishes = 40;
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < publishes; i++) {
                out.write(RawClient.publishBytes("tls.pipelined", TestServer.ANONYMOUS, "{\"i\":" + i + "}"));
                out.flush();
            }
            byte[] replies = socket.getInputStream().readNBytes(2 * publishes);
            assertEquals("ok".repeat(publishes), new String(replies, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aClientCannotRenegotiateTls12() throws Exception {
        try (SSLSocket socket = connect("TLSv1.2")) {
            assertEquals("ok", publish(socket));
            assertThrows(IOException.class, () -> {
                socket.startHandshake(); // a new handshake on an established TLS 1.2 session: renegotiation
                publish(socket);
            });
        }
    }

    private static String publish(SSLSocket socket) throws IOException {
        socket.getOutputStream().write(RawClient.publishBytes("tls.renegotiate", TestServer.ANONYMOUS, "{}"));
        socket.getOutputStream().flush();
        byte[] reply = socket.getInputStream().readNBytes(2);
        if (reply.length < 2) {
            throw new IOException("closed after " + reply.length + " bytes");
        }
        return new String(reply, StandardCharsets.US_ASCII);
    }
}
