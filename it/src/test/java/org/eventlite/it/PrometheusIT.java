package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's) scrapes the test server with the shipped rules
 * (prometheus/eventlite-rules.yml): PromQL over its HTTP API returns EventLite's series and the
 * rules' recorded ones.
 */
class PrometheusIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path RULES = Path.of(System.getProperty("prometheus.rules", "../prometheus/eventlite-rules.yml"))
            .toAbsolutePath();
    private static final Path HOME = Path.of(System.getProperty("prometheus.dir", "target/prometheus")).toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static Process prometheus;
    private static int port;

    @BeforeAll
    static void startPrometheus() throws Exception {
        Tools.requireOnPath("prometheus", "install Debian's prometheus package (.ci/run installs it)");
        Path data = HOME.resolve("data");
        if (Files.exists(data)) { // an earlier run's series would answer the queries below
            try (Stream<Path> old = Files.walk(data)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(HOME);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = HOME.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + RULES,
                "scrape_configs:",
                "  - job_name: eventlite",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + TestServer.HTTP_PORT + "']",
                ""));
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(HOME.resolve("prometheus.log").toFile()).start();
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void theShippedRulesPassPromtool() throws Exception {
        Tools.requireOnPath("promtool", "install Debian's prometheus package (.ci/run installs it)");
        Process check = new ProcessBuilder("promtool", "check", "rules", RULES.toString()).redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
    }

    @Test
    void promqlReturnsEventLitesSeriesAndTheRecordedOnes() throws Exception {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("prometheus.seen", TestServer.ANONYMOUS));
            assertEquals("ok", publisher.publish("prometheus.seen", TestServer.ANONYMOUS, "{\"n\":1}"));
            subscriber.readEventJson();
        }

        JsonArray published = query("eventlite_events_published_total{job=\"eventlite\"}",
                result -> !result.isEmpty() && value(result) > 0);
        assertTrue(value(published) > 0, "published: " + published);
        JsonArray listening = query("eventlite_listener_listening", result -> !result.isEmpty());
        assertEquals(1.0, value(listening), "listening: " + listening);
        // A rate needs two scrapes of the counter, then one evaluation of the rules.
        JsonArray rate = query("eventlite:events_published:rate1m", result -> !result.isEmpty());
        assertTrue(!rate.isEmpty(), "the recording rule's series: " + rate);
        JsonArray up = query("up{job=\"eventlite\"}", result -> !result.isEmpty() && value(result) == 1);
        assertEquals(1.0, value(up), "the scrape succeeds: " + up);
    }

    /** Polls an instant query until {@code done} holds for its result vector, or the deadline passes. */
    private static JsonArray query(String promql, Predicate<JsonArray> done) throws Exception {
        JsonArray last = Waits.until(DEADLINE, Duration.ofMillis(250), () -> {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return null;
                }
                try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                    return reader.readObject().getJsonObject("data").getJsonArray("result");
                }
            } catch (IOException notYetListening) {
                return null;
            }
        }, done);
        if (last == null) {
            throw new AssertionError("Prometheus never answered '" + promql + "'; see " + HOME.resolve("prometheus.log"));
        }
        return last;
    }

    /** The first sample's value: [time, "value"]. */
    private static double value(JsonArray result) {
        JsonObject first = result.getJsonObject(0);
        return Double.parseDouble(first.getJsonArray("value").getString(1));
    }
}
