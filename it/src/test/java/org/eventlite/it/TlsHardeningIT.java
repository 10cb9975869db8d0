package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** What a TLS client may not make the TLS listener do: strand its records, or renegotiate. */
class TlsHardeningIT {

    private static final int TLS_PORT = Integer.getInteger("tls.port", 34344);
    private static final Path TRUSTSTORE = Path.of(System.getProperty("tls.truststore", "target/tls/truststore.p12"));
    private static final String TRUSTSTORE_PASSWORD = System.getProperty("tls.truststore.password", "");
    private static final int WAIT_MILLIS = 10_000;

    private static SSLSocket connect(String... protocols) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TRUSTSTORE)) {
            trusted.load(in, TRUSTSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", TLS_PORT);
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
