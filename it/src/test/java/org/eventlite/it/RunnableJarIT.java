package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server package the build makes (src/ear/target/eventlite-server.jar: Liberty cut down to
 * the features used, the adapter, the EAR and the configuration) runs with {@code java -jar} and
 * nothing else, takes its ports from the environment as a container would set them, serves a
 * publish/subscribe round trip, and stops cleanly on SIGTERM.
 */
class RunnableJarIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    @Test
    void theRunnableJarServesAndStops() throws Exception {
        File jar = new File(System.getProperty("runnable.jar", "../src/ear/target/eventlite-server.jar"));
        assertTrue(jar.isFile(), "the build made " + jar);
        int port = freePort();
        int http = freePort();
        int https = freePort();
        Path home = Files.createDirectories(Path.of(System.getProperty("runnable.dir", "target/runnable")));
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.getAbsolutePath()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        builder.environment().putAll(Map.of("EVENTLITE_PORT", String.valueOf(port),
                "DEFAULT_HTTP_PORT", String.valueOf(http), "DEFAULT_HTTPS_PORT", String.valueOf(https)));
        Process server = builder.start();
        try {
            int status = Waits.until(READY_WITHIN, Duration.ofMillis(500), () -> {
                try {
                    return ServerHealth.get(http, "/health/ready").statusCode();
                } catch (IOException notYet) {
                    return null;
                }
            }, code -> code == 200);
            assertEquals(200, status, "ready; see " + home.resolve("server.log"));
            try (RawClient subscriber = RawClient.connect(port); RawClient publisher = RawClient.connect(port)) {
                assertEquals("ok", subscriber.subscribe("runnable.jar", TestServer.ANONYMOUS));
                assertEquals("ok", publisher.publish("runnable.jar", TestServer.ANONYMOUS, "{\"n\":1}"));
                assertEquals("{\"event\":\"runnable.jar\",\"n\":1}", subscriber.readEventJson());
            }
        } finally {
            server.destroy(); // SIGTERM: Liberty stops its applications and exits
            boolean stopped = server.waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                server.destroyForcibly();
            }
            assertTrue(stopped, "stopped within 60 s of SIGTERM");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
