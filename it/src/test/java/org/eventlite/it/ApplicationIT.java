package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example application (examples/orders), deployed beside EventLite as README's "Use EventLite
 * from your own application" says: its observer and message-driven bean hear TCP publishers, its
 * {@code EventDispatcher} reaches TCP and SSE subscribers with the access rules of its connection
 * factory's identity ("orders", who may publish orders.> only), and it comes and goes without
 * disturbing EventLite or leaving a subscription behind.
 */
class ApplicationIT {

    /** The example's observer (orders.*) and message-driven bean (orders.>) subscribe while it is deployed. */
    static final int EXAMPLE_SUBSCRIPTIONS = 2;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration DEPLOY_WAIT = Duration.ofSeconds(60);
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private static final Path SERVER_DIR = Path.of(System.getProperty("server.apps.dir",
            "target/liberty/wlp/usr/servers/eventlite-it/apps")).getParent();
    private static final Path EXAMPLE_CONFIG = SERVER_DIR.resolve("configDropins/overrides/orders-example.xml");

    @BeforeEach
    void exampleIsServing() throws Exception {
        int status = Waits.until(DEPLOY_WAIT, POLL, () -> get("/orders/api/heard").statusCode(), code -> code == 200);
        assertEquals(200, status, "the example application serves");
        assertTrue(bothSubscribed(), "the example's observer and bean are subscribed: " + stats());
    }

    @Test
    void aTcpPublishReachesTheExamplesObserverAndMessageDrivenBean() throws Exception {
        String created = "{\"event\":\"orders.created\",\"marker\":\"" + System.nanoTime() + "\"}";
        String nested = "{\"event\":\"orders.eu.created\",\"marker\":\"" + System.nanoTime() + "\"}";
        try (RawClient publisher = RawClient.connect()) {
            assertEquals("ok", publisher.publish("orders.created", TestServer.ANONYMOUS, created));
            assertEquals("ok", publisher.publish("orders.eu.created", TestServer.ANONYMOUS, nested));
        }

        JsonObject heard = Waits.until(EVENT_WAIT, POLL, ApplicationIT::heard,
                seen -> texts(seen, "messageDrivenBean").contains(nested) && texts(seen, "observer").contains(created));
        List<String> byBean = texts(heard, "messageDrivenBean");
        assertTrue(byBean.indexOf(created) >= 0 && byBean.indexOf(created) < byBean.indexOf(nested),
                "the bean (orders.>) hears both, in publish order: " + byBean);
        assertTrue(texts(heard, "observer").contains(created), "the observer (orders.*) hears orders.created: " + heard);
        assertFalse(texts(heard, "observer").contains(nested), "orders.* does not match orders.eu.created: " + heard);
    }

    @Test
    void theExamplesPublishReachesTcpAndSseSubscribers() throws Exception {
        try (RawClient subscriber = RawClient.connect();
                SseStream stream = SseStream.open("/eventlite/api/events?name=orders.shipped", null)) {
            assertEquals("ok", subscriber.subscribe("orders.shipped", TestServer.ANONYMOUS));
            assertEquals("subscribed", stream.next().name());

            HttpResponse<String> published = post("/orders/api/publish/orders.shipped/7");

            assertEquals(200, published.statusCode(), published.body());
            assertTrue(json(published.body()).getInt("subscribers") >= 2, published.body());
            assertEquals("{\"event\":\"orders.shipped\",\"order\":7}", subscriber.readEventJson());
            assertEquals("{\"event\":\"orders.shipped\",\"order\":7}", stream.next().data());
        }
    }

    @Test
    void theAccessRulesOfTheConnectionFactoryIdentityApply() throws Exception {
        try (RawClient subscriber = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("audit.example", TestServer.ANONYMOUS));
            assertEquals("ok", subscriber.subscribe("orders.after", TestServer.ANONYMOUS));

            HttpResponse<String> denied = post("/orders/api/publish/audit.example/1");
            HttpResponse<String> allowed = post("/orders/api/publish/orders.after/2");

            assertEquals(403, denied.statusCode(), denied.body());
            assertTrue(denied.body().contains("denied to user 'orders'"), denied.body());
            assertEquals(200, allowed.statusCode(), allowed.body());
            assertEquals("{\"event\":\"orders.after\",\"order\":2}", subscriber.readEventJson(),
                    "the denied event was not delivered before the allowed one");
        }
    }

    @Test
    void undeployingAndRedeployingTheExampleLeavesEventLiteServingAndNoSubscription() throws Exception {
        Path away = SERVER_DIR.resolve("orders-example.xml.away");
        Files.move(EXAMPLE_CONFIG, away, StandardCopyOption.REPLACE_EXISTING);
        try {
            int status = Waits.until(DEPLOY_WAIT, POLL, () -> get("/orders/api/heard").statusCode(), code -> code == 404);
            assertEquals(404, status, "the example is undeployed");
            String stats = Waits.until(EVENT_WAIT, POLL, ApplicationIT::stats,
                    seen -> !seen.contains("message-driven bean") && !seen.contains("application listener"));
            assertFalse(stats.contains("message-driven bean") || stats.contains("application listener"),
                    "no subscription of the example is left: " + stats);
            try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
                assertEquals("ok", subscriber.subscribe("orders.meanwhile", TestServer.ANONYMOUS));
                assertEquals("ok", publisher.publish("orders.meanwhile", TestServer.ANONYMOUS, "{\"n\":1}"));
                assertEquals("{\"event\":\"orders.meanwhile\",\"n\":1}", subscriber.readEventJson());
            }
        } finally {
            Files.move(away, EXAMPLE_CONFIG, StandardCopyOption.REPLACE_EXISTING);
        }
        exampleIsServing();
        String marker = "{\"event\":\"orders.back\",\"marker\":\"" + System.nanoTime() + "\"}";
        try (RawClient publisher = RawClient.connect()) {
            assertEquals("ok", publisher.publish("orders.back", TestServer.ANONYMOUS, marker));
        }
        JsonObject heard = Waits.until(EVENT_WAIT, POLL, ApplicationIT::heard,
                seen -> texts(seen, "messageDrivenBean").contains(marker) && texts(seen, "observer").contains(marker));
        assertTrue(texts(heard, "messageDrivenBean").contains(marker) && texts(heard, "observer").contains(marker),
                "the redeployed example hears events again: " + heard);
    }

    /** The dashboard's statistics list the observer's and the bean's subscriptions (refreshed each second). */
    private static boolean bothSubscribed() throws Exception {
        String stats = Waits.until(EVENT_WAIT, POLL, ApplicationIT::stats,
                seen -> seen.contains("message-driven bean") && seen.contains("application listener"));
        return stats.contains("message-driven bean") && stats.contains("application listener");
    }

    private static String stats() throws Exception {
        return get("/eventlite/api/stats").body();
    }

    /** What the example's observer and bean heard; null while it is not serving. */
    static JsonObject heard() throws Exception {
        HttpResponse<String> response = get("/orders/api/heard");
        return response.statusCode() == 200 ? json(response.body()) : null;
    }

    static List<String> texts(JsonObject heard, String by) {
        return heard.getJsonArray(by).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + TestServer.HTTP_PORT + path);
    }
}
