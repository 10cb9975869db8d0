package org.eventlite.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Reads the servers' MicroProfile Health endpoints, whose listener check carries live counts. */
final class ServerHealth {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerHealth() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject check(String body, String name) {
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("checks").stream()
                .map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
    }

    /** The data of the test server's listener readiness check: openConnections, subscriptions, ... */
    static JsonObject listenerData() throws IOException, InterruptedException {
        return check(get(TestServer.HTTP_PORT, "/health/ready").body(), "eventlite-listener").getJsonObject("data");
    }

    /** Polls the listener data until {@code condition} holds or the deadline passes; returns the last data. */
    static JsonObject awaitListenerData(Predicate<JsonObject> condition, Duration deadline) throws Exception {
        return Waits.until(deadline, Duration.ofMillis(50), ServerHealth::listenerData, condition);
    }
}
