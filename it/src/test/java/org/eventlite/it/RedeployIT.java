package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eventlite.client.EventLiteClient;
import org.junit.jupiter.api.Test;

/**
 * Restarting the application (Liberty notices the EAR changed) closes the
 * subscribers, releases the port, and binds it again; a Java client's
 * subscription reconnects by itself, and the example application beside
 * EventLite (examples/orders), which stays deployed, is subscribed again.
 */
class RedeployIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void redeployClosesSubscribersAndListensAgain() throws Exception {
        Path ear = Path.of(System.getProperty("server.apps.dir", "target/liberty/wlp/usr/servers/eventlite-it/apps"),
                "eventlite.ear");
        BlockingQueue<JsonObject> heardByClient = new LinkedBlockingQueue<>();
        try (EventLiteClient client = EventLiteClient.builder().server(TestServer.HOST + ":" + TestServer.PORT)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)).build()) {
            client.addEventListener("redeploy.after", heardByClient::add);
            restartApplicationAndCheckRawClients(ear);

            long deadline = System.nanoTime() + DEADLINE.toNanos();
            JsonObject heard = null;
            for (int seq = 0; heard == null && System.nanoTime() - deadline < 0; seq++) {
                try (RawClient publisher = RawClient.connect()) {
                    assertEquals("ok", publisher.publish("redeploy.after", TestServer.ANONYMOUS, "{\"client\":" + seq + "}"));
                }
                heard = heardByClient.poll(200, TimeUnit.MILLISECONDS);
            }
            assertNotNull(heard, "the client's subscription did not come back");
            assertTrue(heard.containsKey("client") || heard.containsKey("back"), heard.toString());
        }
        exampleApplicationHearsEventsAgain();
    }

    private static void exampleApplicationHearsEventsAgain() throws Exception {
        String marker = "{\"event\":\"orders.redeployed\",\"marker\":\"" + System.nanoTime() + "\"}";
        try (RawClient publisher = RawClient.connect()) {
            assertEquals("ok", publisher.publish("orders.redeployed", TestServer.ANONYMOUS, marker));
        }
        JsonObject seen = Waits.until(Duration.ofSeconds(10), Duration.ofMillis(100), ApplicationIT::heard,
                heard -> ApplicationIT.texts(heard, "messageDrivenBean").contains(marker)
                        && ApplicationIT.texts(heard, "observer").contains(marker));
        assertTrue(seen != null && ApplicationIT.texts(seen, "messageDrivenBean").contains(marker)
                && ApplicationIT.texts(seen, "observer").contains(marker),
                "the example's bean and observer are subscribed again with the restarted broker: " + seen);
    }

    private void restartApplicationAndCheckRawClients(Path ear) throws Exception {
        try (RawClient subscriber = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("redeploy.before", TestServer.ANONYMOUS));

            Files.setLastModifiedTime(ear, FileTime.from(Instant.now().plusSeconds(1)));

            assertTrue(subscriber.closedWithin(DEADLINE), "the application stop closes subscribers");
        }
        try (RawClient subscriber = connectWhenListening(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("redeploy.after", TestServer.ANONYMOUS));
            assertEquals("ok", publisher.publish("redeploy.after", TestServer.ANONYMOUS, "{\"back\":true}"));
            assertEquals("{\"event\":\"redeploy.after\",\"back\":true}", subscriber.readEventJson());
        }
    }

    /** Polls until the restarted application accepts a subscriber. */
    private static RawClient connectWhenListening() throws Exception {
        RawClient client = Waits.until(DEADLINE, Duration.ofMillis(100), () -> {
            try {
                return RawClient.connect();
            } catch (IOException refused) {
                return null;
            }
        }, connected -> true);
        if (client == null) {
            throw new AssertionError("the listener did not come back within " + DEADLINE);
        }
        return client;
    }
}
