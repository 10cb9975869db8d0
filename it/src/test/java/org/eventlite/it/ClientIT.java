package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eventlite.client.EventLite;
import org.eventlite.client.EventLiteClient;
import org.eventlite.client.PermissionDeniedException;
import org.eventlite.client.ServerErrorException;
import org.eventlite.client.Subscription;
import org.junit.jupiter.api.Test;

/** The Java client library against the real server. */
class ClientIT {

    private static final long WAIT_SECONDS = 10;

    /** A plain, JSON-B-serialized event payload. */
    public static class Trade {
        public String symbol = "EVL";
        public int quantity = 3;
    }

    private static EventLiteClient client() {
        return EventLiteClient.builder().server(TestServer.HOST + ":" + TestServer.PORT).build();
    }

    private static EventLiteClient client(String user, String password) {
        return EventLiteClient.builder().server(TestServer.HOST + ":" + TestServer.PORT)
                .credentials(user, password).build();
    }

    @Test
    void publishAndSubscribeRoundTrip() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        try (EventLiteClient client = client()) {
            client.addEventListener("client.round", received::add);
            client.dispatchEvent("client.round", Map.of("n", 1));
            client.dispatchEvent("client.round", Json.createObjectBuilder().add("n", 2).build());
            client.dispatchEvent("client.round", new Trade());

            assertEquals(1, received.poll(WAIT_SECONDS, TimeUnit.SECONDS).getInt("n"));
            assertEquals(2, received.poll(WAIT_SECONDS, TimeUnit.SECONDS).getInt("n"));
            JsonObject trade = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("EVL", trade.getString("symbol"));
            assertEquals(3, trade.getInt("quantity"));
            assertEquals("client.round", trade.getString("event"));
        }
    }

    @Test
    void thousandPipelinedAsyncPublishesAreAcknowledgedAndDeliveredInOrder() throws Exception {
        int count = 1000;
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        try (EventLiteClient client = client()) {
            client.addEventListener("client.pipelined", received::add);
            List<CompletableFuture<Void>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int seq = i;
                replies.add(client.publishAsync("client.pipelined", Json.createObjectBuilder().add("seq", i).build())
                        .thenRun(() -> acknowledged.add(seq)));
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(count, acknowledged.size());
            for (int i = 0; i < count; i++) {
                assertEquals(i, acknowledged.get(i), "acknowledged out of order at " + i);
            }
            for (int i = 0; i < count; i++) {
                JsonObject event = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(event, "event " + i + " missing");
                assertEquals(i, event.getInt("seq"));
            }
        }
    }

    @Test
    void permissionDeniedIsATypedFailure() throws Exception {
        try (EventLiteClient alice = client("alice", "alice-Secret-9")) {
            PermissionDeniedException denied = assertThrows(PermissionDeniedException.class,
                    () -> alice.dispatchEvent("a", Map.of("n", 1)));
            assertEquals("a", denied.event());

            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> alice.publishAsync("a", Json.createObjectBuilder().build()).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(PermissionDeniedException.class, async.getCause());

            alice.dispatchEvent("b", Map.of("allowed", true));
        }
        try (EventLiteClient bob = client("bob", "bob-Secret-7")) {
            assertThrows(PermissionDeniedException.class, () -> bob.addEventListener("a", event -> { }));
        }
    }

    @Test
    void serverErrorReplyIsATypedFailureWithTheCatalogueCode() {
        try (EventLiteClient client = client()) {
            ServerErrorException error = assertThrows(ServerErrorException.class,
                    () -> client.dispatchEvent("client.err", Map.of("event", "somewhere.else")));
            assertEquals("event-name-mismatch", error.code());
            client.dispatchEvent("client.err", Map.of("after", "reconnect"));
        }
    }

    @Test
    void callbackBlockedForSecondsDelaysNoOtherSubscription() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowEntered = new CountDownLatch(1);
        BlockingQueue<JsonObject> fast = new LinkedBlockingQueue<>();
        try (EventLiteClient client = client()) {
            client.addEventListener("client.slow", event -> {
                slowEntered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            client.addEventListener("client.fast", fast::add);

            client.dispatchEvent("client.slow", Map.of("n", 1));
            assertTrue(slowEntered.await(WAIT_SECONDS, TimeUnit.SECONDS));
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                client.dispatchEvent("client.fast", Map.of("n", i));
                assertNotNull(fast.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000,
                    "the fast subscription was held up");
            assertEquals(1, release.getCount(), "the slow callback was still blocked throughout");
        } finally {
            release.countDown();
        }
    }

    @Test
    void perlStyleRawPublishReachesClientListener() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        String pretty = "{\n   \"event\" : \"client.fromperl\",\n   \"price\" : 42\n}\n";
        try (EventLiteClient client = client(); RawClient perl = RawClient.connect()) {
            client.addEventListener("client.fromperl", received::add);
            perl.send("publish/client.fromperl:|\n\n"
                    + Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(pretty.getBytes(StandardCharsets.UTF_8)) + "\n");
            assertEquals("ok", perl.readReply());
            JsonObject event = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(42, event.getInt("price"));
            assertEquals("client.fromperl", event.getString("event"));
        }
    }

    @Test
    void clientPublishReachesRawSubscriberByteExactly() throws Exception {
        try (EventLiteClient client = client(); RawClient subscriber = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("client.toraw", TestServer.ANONYMOUS));
            client.dispatchEvent("client.toraw", Json.createObjectBuilder().add("a", 1).add("b", "x").build());
            String expected = Base64.getEncoder().encodeToString(
                    "{\"event\":\"client.toraw\",\"a\":1,\"b\":\"x\"}".getBytes(StandardCharsets.UTF_8)) + "\n\n";
            assertEquals(expected, subscriber.readFrame());
            assertTrue(subscriber.silentFor(java.time.Duration.ofMillis(200)));
        }
    }

    @Test
    void closedSubscriptionStopsListening() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        try (EventLiteClient client = client()) {
            Subscription subscription = client.addEventListener("client.closing", received::add);
            assertTrue(subscription.active());
            subscription.close();
            assertFalse(subscription.active());
            client.dispatchEvent("client.closing", Map.of("n", 1));
            assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void perlStyleStaticFacadePublishesAndListens() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        EventLite.server(TestServer.HOST + ":" + TestServer.PORT, "alice", "alice-Secret-9");
        try {
            EventLite.addEventListener("b", received::add);
            EventLite.dispatchEvent("b", Map.of("facade", true));
            assertTrue(received.poll(WAIT_SECONDS, TimeUnit.SECONDS).getBoolean("facade"));
        } finally {
            EventLite.close();
        }
    }
}
