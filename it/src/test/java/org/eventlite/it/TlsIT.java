package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eventlite.client.ConnectionLostException;
import org.eventlite.client.EventLiteClient;
import org.junit.jupiter.api.Test;

/**
 * The TLS listener (eventlite.tls.port) with the test certificate the build
 * made: the Java client and the command-line tool over TLS, and plain-text
 * clients on the TLS port refused in words they can read.
 */
class TlsIT {

    private static final int TLS_PORT = Integer.getInteger("tls.port", 34344);
    private static final Path TRUSTSTORE = Path.of(System.getProperty("tls.truststore", "target/tls/truststore.p12"));
    private static final String TRUSTSTORE_PASSWORD = System.getProperty("tls.truststore.password", "");
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
}
