package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.eventlite.client.ConnectionLostException;
import org.eventlite.client.EventLiteClient;
import org.junit.jupiter.api.Test;

/**
 * The TLS listener (eventlite.tls.port) with the test certificate the build
 * made, through Liberty's {@code <keyStore>} and {@code <ssl>}: the Java client
 * and the command-line tool over TLS, plain-text clients on the TLS port
 * refused in words they can read, a renewed certificate taken up without a
 * restart, and the HTTP gateway on HTTPS.
 */
class TlsIT {

    private static final int TLS_PORT = TestTls.PORT;
    private static final Path TRUSTSTORE = TestTls.TRUSTSTORE;
    private static final String TRUSTSTORE_PASSWORD = TestTls.TRUSTSTORE_PASSWORD;
    private static final Path KEYSTORE = TestTls.KEYSTORE;
    private static final int HTTPS_PORT = Integer.getInteger("https.port", 9443);
    private static final long WAIT_SECONDS = 10;

    private static EventLiteClient tlsClient() {
        return EventLiteClient.builder().server("localhost:" + TLS_PORT)
                .tls(TRUSTSTORE, TRUSTSTORE_PASSWORD.toCharArray()).build();
    }

    @Test
    void theJavaClientRoundTripsOverTlsInOrderIncludingEventsLargerThanOneRecord() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        String large = "x".repeat(512 * 1024);
        try (EventLiteClient subscriber = tlsClient(); EventLiteClient publisher = tlsClient()) {
            subscriber.addEventListener("tls.round", received::add);
            for (int i = 0; i < 100; i++) {
                publisher.publishAsync("tls.round", Map.of("seq", i));
            }
            publisher.dispatchEvent("tls.round", Map.of("seq", 100, "large", large));
            for (int i = 0; i < 100; i++) {
                JsonObject event = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals(i, event.getInt("seq"));
            }
            JsonObject last = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(100, last.getInt("seq"));
            assertEquals(large, last.getString("large"));
        }
    }

    @Test
    void aPlainTextClientOnTheTlsPortIsToldSoAndClosedWithoutDisturbingOthers() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        try (EventLiteClient subscriber = tlsClient(); EventLiteClient publisher = tlsClient()) {
            subscriber.addEventListener("tls.undisturbed", received::add);
            try (RawClient plain = RawClient.connect(TLS_PORT)) {
                plain.send("subscribe/tls.undisturbed:|\n");
                String reply = plain.readLine(RawClient.DEFAULT_WAIT);
                assertTrue(reply.startsWith("-ERR tls-required: "), reply);
                assertTrue(plain.closedWithin(RawClient.DEFAULT_WAIT));
            }
            publisher.dispatchEvent("tls.undisturbed", Map.of("n", 1));
            assertEquals(1, received.poll(WAIT_SECONDS, TimeUnit.SECONDS).getInt("n"));
        }
        try (RawClient plainPort = RawClient.connect()) {
            assertEquals("ok", plainPort.publish("tls.undisturbed", TestServer.ANONYMOUS, "{}"),
                    "the plain port works alongside");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsToConnect() {
        try (EventLiteClient untrusting = EventLiteClient.builder().server("localhost:" + TLS_PORT).tls().build()) {
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> untrusting.dispatchEvent("tls.refused", Map.of()));
            assertTrue(String.valueOf(e.getCause()).contains("SSL") || e.getMessage().contains("certif"),
                    e.toString());
        }
    }

    @Test
    void theCommandLineToolPublishesOverTls() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        try (EventLiteClient subscriber = tlsClient()) {
            subscriber.addEventListener("tls.cli", received::add);
            ProcessBuilder builder = new ProcessBuilder("java", "-jar", System.getProperty("cli.jar"), "pub",
                    "--server", "localhost:" + TLS_PORT, "--truststore", TRUSTSTORE.toString(), "tls.cli", "n:=7")
                    .redirectErrorStream(true);
            builder.environment().put("EVENTLITE_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
            Process process = builder.start();
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command did not finish");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertEquals(7, received.poll(WAIT_SECONDS, TimeUnit.SECONDS).getInt("n"));
        }
    }

    @Test
    void theHttpGatewayServesHttpsWithLibertysCertificate() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(TestTls.trustingTheTestCertificate()).build();
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        try (EventLiteClient subscriber = tlsClient()) {
            subscriber.addEventListener("tls.https", received::add);
            HttpResponse<String> response = https.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + HTTPS_PORT + "/eventlite/api/events/tls.https"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":9}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(9, received.poll(WAIT_SECONDS, TimeUnit.SECONDS).getInt("n"));
        }
    }

    /**
     * The key store is polled (it-settings.xml): a certificate renewed in place (same key, new
     * serial) is what the next connection gets, while the server keeps running.
     */
    @Test
    void aRenewedCertificateServesTheNextConnectionWithoutARestart() throws Exception {
        BigInteger before = servedCertificate().getSerialNumber();
        Path renewed = KEYSTORE.resolveSibling("server-renewed.p12");
        Files.copy(KEYSTORE, renewed, StandardCopyOption.REPLACE_EXISTING);
        keytool("-selfcert", "-alias", "eventlite", "-keystore", renewed.toString(), "-storepass",
                TRUSTSTORE_PASSWORD, "-validity", "91", "-dname", "CN=localhost, O=EventLite test",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        Path renewedCertificate = KEYSTORE.resolveSibling("server-renewed.crt");
        keytool("-exportcert", "-alias", "eventlite", "-keystore", renewed.toString(), "-storepass",
                TRUSTSTORE_PASSWORD, "-rfc", "-file", renewedCertificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "eventlite-renewed-" + System.nanoTime(), "-file",
                renewedCertificate.toString(), "-keystore", TRUSTSTORE.toString(), "-storepass", TRUSTSTORE_PASSWORD);
        Files.move(renewed, KEYSTORE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        BigInteger served = Waits.until(Duration.ofSeconds(30), Duration.ofMillis(250),
                () -> servedCertificate().getSerialNumber(), serial -> !serial.equals(before));
        assertNotEquals(before, served, "the TLS port still serves the certificate it had before the renewal");
        try (EventLiteClient client = tlsClient()) {
            client.dispatchEvent("tls.renewed", Map.of());
        }
    }

    private static X509Certificate servedCertificate() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTls.trustingTheTestCertificate().getSocketFactory().createSocket("localhost", TLS_PORT)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
    }
}
