package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MicroProfile Health as an orchestrator sees it. */
class HealthIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void readinessIsUpWhileTheListenerAccepts() throws Exception {
        HttpResponse<String> response = get(TestServer.HTTP_PORT, "/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject listener = check(response.body(), "eventlite-listener");
        assertEquals("UP", listener.getString("status"));
        assertTrue(listener.getJsonObject("data").getString("address").endsWith(":" + TestServer.PORT));
    }

    @Test
    void livenessAndStartupAreUp() throws Exception {
        assertEquals(200, get(TestServer.HTTP_PORT, "/health/live").statusCode());
        assertEquals(200, get(TestServer.HTTP_PORT, "/health/started").statusCode());
    }

    /** The second test server is configured with the first one's port, so it cannot bind. */
    @Test
    void readinessIsDownWithTheReasonWhenThePortCannotBeBound() throws Exception {
        HttpResponse<String> response = Waits.until(DEADLINE, Duration.ofMillis(250),
                () -> get(TestServer.BLOCKED_HTTP_PORT, "/health/ready"),
                ready -> ready.statusCode() == 503 && ready.body().contains("eventlite-listener")
                        && reasonOf(ready).startsWith("cannot listen"));
        assertEquals(503, response.statusCode(), response.body());
        String reason = reasonOf(response);
        assertTrue(reason.startsWith("cannot listen on") && reason.contains(":" + TestServer.PORT), reason);
        assertEquals(200, get(TestServer.BLOCKED_HTTP_PORT, "/health/live").statusCode(),
                "a listener that cannot bind is not ready, but nothing a restart of the process would fix is stuck");
    }

    private static String reasonOf(HttpResponse<String> readiness) {
        return check(readiness.body(), "eventlite-listener").getJsonObject("data").getString("reason");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return ServerHealth.get(port, path);
    }

    private static JsonObject check(String body, String name) {
        return ServerHealth.check(body, name);
    }
}
