package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Changing the port or a limit in the server configuration takes effect
 * without restarting Liberty. Uses the second test server, whose listener
 * cannot bind its configured port; the test moves it to a free port, changes
 * a limit twice, and puts everything back as it was.
 */
class LiveConfigurationIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int LIVE_PORT = Integer.getInteger("live.port", 34398);
    private static final Path DROPIN = Path.of(System.getProperty("blocked.server.dir",
            "target/liberty/wlp/usr/servers/eventlite-it-blocked"), "configDropins", "overrides", "live.xml");
    /** 60 bytes of JSON: over a 50-byte limit, under a 100-byte one. */
    private static final String EVENT_OF_60_BYTES = "{\"d\":\"" + "x".repeat(52) + "\"}";

    @Test
    void portAndLimitsChangeWithoutRestartingLiberty() throws Exception {
        try {
            configure(50);
            assertEquals("-ERR event-too-large", publishUntilReplyStarts("-ERR event-too-large"),
                    "the lowered limit did not take effect");

            configure(100);
            assertEquals("ok", publishUntilReplyStarts("ok"), "the raised limit did not take effect");
        } finally {
            Files.deleteIfExists(DROPIN);
        }
        JsonObject restored = awaitBlockedReadiness("cannot listen");
        assertTrue(restored.getString("reason").startsWith("cannot listen"), restored.toString());
    }

    /**
     * One configuration change moves the listener twice: Liberty re-activates the endpoint at
     * once, with the settings the running application read at its start, then restarts the
     * application, which reads the new ones and re-activates it again. In between, readiness
     * says "listening" on the new port while the old limits apply, so until the deadline a
     * refused connection or the old limit's reply means "not yet".
     *
     * @return the last reply: {@code expected}, or what was seen when the deadline passed
     */
    private static String publishUntilReplyStarts(String expected) throws Exception {
        List<String> replies = new ArrayList<>();
        String last = Waits.until(DEADLINE, Duration.ofMillis(100), () -> {
            awaitListening();
            String reply = publishOnLivePort();
            replies.add(reply);
            return reply;
        }, reply -> reply.startsWith(expected));
        return last.startsWith(expected) ? expected : "replies: " + replies;
    }

    /** Replaces the drop-in in one step, so Liberty never reads it half written. */
    private static void configure(int maxEventBytes) throws IOException {
        Files.createDirectories(DROPIN.getParent());
        Path staged = Files.createTempFile(DROPIN.getParent().getParent(), "live", ".staged");
        Files.writeString(staged, "<server>\n"
                + "  <variable name=\"eventlite.port\" value=\"" + LIVE_PORT + "\"/>\n"
                + "  <variable name=\"eventlite.max-event-bytes\" value=\"" + maxEventBytes + "\"/>\n"
                + "</server>\n");
        Files.move(staged, DROPIN, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitListening() throws Exception {
        JsonObject data = awaitBlockedReadiness("listening on");
        assertTrue(data.getString("reason").contains(":" + LIVE_PORT), data.toString());
    }

    private static JsonObject awaitBlockedReadiness(String reasonStart) throws Exception {
        JsonObject data = Waits.until(DEADLINE, Duration.ofMillis(100), () -> {
            String body;
            try {
                body = ServerHealth.get(TestServer.BLOCKED_HTTP_PORT, "/health/ready").body();
            } catch (IOException e) {
                return null; // while the application restarts, readiness may not answer in time: not yet
            }
            return body.contains("eventlite-listener")
                    ? ServerHealth.check(body, "eventlite-listener").getJsonObject("data") : null;
        }, listener -> listener.getString("reason").startsWith(reasonStart));
        if (data == null || !data.getString("reason").startsWith(reasonStart)) {
            throw new AssertionError("readiness never said '" + reasonStart + "': " + data);
        }
        return data;
    }

    /** Publishes a 60-byte event on the moved listener; returns "ok" or the error line's start. */
    private static String publishOnLivePort() throws IOException {
        try (Socket socket = new Socket(TestServer.HOST, LIVE_PORT)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("publish/live:|\n\n" + Base64.getEncoder().encodeToString(
                    EVENT_OF_60_BYTES.getBytes(StandardCharsets.UTF_8)) + "\n\n").getBytes(StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(2);
            String reply = new String(start, StandardCharsets.US_ASCII);
            return reply.equals("ok") ? reply
                    : reply + new String(socket.getInputStream().readNBytes(18), StandardCharsets.US_ASCII);
        } catch (IOException refusedWhileRestarting) {
            return "unreachable: " + refusedWhileRestarting.getMessage();
        }
    }
}
