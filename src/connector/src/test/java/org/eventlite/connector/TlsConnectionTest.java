package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eventlite.connector.api.ClientLimits;
import org.eventlite.connector.api.CloseReason;
import org.eventlite.connector.api.Connection;
import org.eventlite.connector.api.Frame;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.connector.api.TlsSettings;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS listener on real sockets with a certificate keytool makes for the test: records the
 * client sends in one burst are all processed (the ones already off the socket too), large
 * frames span records, and a plain-text client on the TLS port is told so in words it can read.
 */
class TlsConnectionTest {

    private static final int WAIT_MILLIS = 10_000;
    private static final char[] PASSWORD = "tls-test-secret".toCharArray();

    @TempDir
    static Path dir;
    private static SSLContext serverContext;
    private static SSLContext clientContext;
    private static Recording handler;
    private static Listener listener;

    private static final class Recording extends TestContainer.RecordingHandler {
        volatile Connection last;

        Recording(ListenerSettings settings) {
            super(settings);
        }

        @Override
        public void onRequest(Connection connection, Request request) {
            last = connection;
            connection.send(Frame.OK);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Path keys = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keys.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);

        TlsSettings tls = new TlsSettings(0, () -> TlsSettings.serverEngine(serverContext, TlsSettings.ClientAuth.NONE));
        ListenerSettings settings = new ListenerSettings(DecoderLimits.DEFAULTS, Duration.ofMillis(50), 1, 100,
                64L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(10), 16, Optional.of(tls),
                ClientLimits.DEFAULTS, Duration.ofMillis(50));
        handler = new Recording(settings);
        listener = TestContainer.start(handler);
    }

    @AfterAll
    static void stop() {
        listener.stop();
    }

    private static InetSocketAddress tlsAddress() {
        return listener.tlsBoundAddress().orElseThrow();
    }

    private static SSLSocket tlsClient() throws IOException {
        SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                .createSocket(tlsAddress().getAddress(), tlsAddress().getPort());
        socket.setSoTimeout(WAIT_MILLIS);
        socket.startHandshake();
        return socket;
    }

    @Test
    void everyRecordOfABurstIsAnsweredWithoutTheClientSendingMore() throws Exception {
        try (SSLSocket client = tlsClient()) {
            OutputStream out = client.getOutputStream();
            int requests = 40;
            for (int i = 0; i < requests; i++) {
                out.write(("subscribe/burst." + i + ":|\n").getBytes(StandardCharsets.US_ASCII));   // a record each
            }
            out.flush();
            assertEquals("ok".repeat(requests),
                    new String(client.getInputStream().readNBytes(2 * requests), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aFrameLargerThanOneRecordArrivesWhole() throws Exception {
        try (SSLSocket client = tlsClient()) {
            client.getOutputStream().write("subscribe/large:|\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ok", new String(client.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));
            String json = "{\"event\":\"large\",\"d\":\"" + "q".repeat(100_000) + "\"}";
            Frame frame = Frame.of(EventJson.of("large", json.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(handler.last.send(frame));
            byte[] expected = Base64.getEncoder().encode(json.getBytes(StandardCharsets.US_ASCII));
            assertEquals(new String(expected, StandardCharsets.US_ASCII) + "\n\n",
                    new String(client.getInputStream().readNBytes(expected.length + 2), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aPlainTextClientOnTheTlsPortIsToldSoAndClosed() throws Exception {
        try (Socket plain = new Socket(tlsAddress().getAddress(), tlsAddress().getPort())) {
            plain.setSoTimeout(WAIT_MILLIS);
            plain.getOutputStream().write("subscribe/plain:|\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            InputStream in = plain.getInputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                reply.write(b);
            }
            String line = reply.toString(StandardCharsets.US_ASCII);
            assertTrue(line.startsWith("-ERR tls-required: "), line);
            assertEquals(-1, in.read(), "closed after the reply");
        }
        CloseReason reason;
        do {
            reason = handler.closed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } while (reason != null && !"tls-required".equals(reason.detail()));
        assertTrue(reason != null, "no connection was reported closed for tls-required");
    }
}
