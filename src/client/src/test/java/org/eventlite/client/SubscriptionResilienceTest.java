package org.eventlite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A subscription outlives whatever a server sends it: events this client cannot represent, and
 * busy refusals while it reconnects. The server side is a socket scripted with the exact bytes
 * EventLite writes, so that each case happens on cue.
 */
class SubscriptionResilienceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static byte[] frame(String json) {
        return (Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\n\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the subscribe line the client sends, up to its LF. */
    private static void readRequestLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            // the line itself is the client's business
        }
    }

    @Test
    void unrepresentableNumbersAndBusyRefusalsDoNotEndTheSubscription() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        List<String> heard = new CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void disconnected(String event, Throwable cause) {
                heard.add("disconnected");
            }

            @Override
            public void reconnected(String event) {
                heard.add("reconnected");
            }

            @Override
            public void error(String event, Throwable error) {
                heard.add("error");
            }
        };
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread script = new Thread(() -> serve(server), "scripted-server");
            script.setDaemon(true);
            script.start();
            try (EventLiteClient client = EventLiteClient.builder().server("127.0.0.1:" + server.getLocalPort())
                    .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).connectionListener(listener).build()) {
                Subscription subscription = client.addEventListener("n", received::add);
                for (String expected : List.of("first", "after-huge-numbers", "after-busy")) {
                    JsonObject event = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertEquals(expected, event == null ? null : event.getString("n"));
                }
                assertTrue(subscription.active());
                // Two events skipped; the first connection closed by the server, the second refused busy.
                assertEquals(List.of("error", "error", "disconnected", "disconnected", "reconnected"), heard);
            }
        }
    }

    private static void serve(ServerSocket server) {
        try {
            try (Socket first = server.accept()) {
                readRequestLine(first.getInputStream());
                OutputStream out = first.getOutputStream();
                out.write("ok".getBytes(StandardCharsets.US_ASCII));
                out.write(frame("{\"event\":\"n\",\"n\":\"first\"}"));
                out.write(frame("{\"event\":\"n\",\"x\":1e9999999999}"));
                out.write(frame("{\"event\":\"n\",\"x\":" + "9".repeat(1200) + "}"));
                out.write(frame("{\"event\":\"n\",\"n\":\"after-huge-numbers\"}"));
                out.flush();
            }
            try (Socket busy = server.accept()) {
                readRequestLine(busy.getInputStream());
                busy.getOutputStream().write(
                        "-ERR too-many-connections: the server has reached its connection limit\n".getBytes(StandardCharsets.US_ASCII));
            }
            try (Socket third = server.accept()) {
                readRequestLine(third.getInputStream());
                OutputStream out = third.getOutputStream();
                out.write("ok".getBytes(StandardCharsets.US_ASCII));
                out.write(frame("{\"event\":\"n\",\"n\":\"after-busy\"}"));
                out.flush();
                third.getInputStream().read(); // until the client closes
            }
        } catch (IOException e) {
            // the test's assertions report what is missing
        }
    }
}
