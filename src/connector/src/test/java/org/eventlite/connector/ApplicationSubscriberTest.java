package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.api.EventOrigin;
import org.eventlite.connector.api.Delivery;
import org.eventlite.protocol.EventJson;
import org.junit.jupiter.api.Test;

class ApplicationSubscriberTest {

    private static Delivery event(String name, int n) throws Exception {
        return new Delivery(name, EventJson.of(name, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)),
                EventOrigin.APPLICATION);
    }

    @Test
    void eventsReachTheListenerInOrderWithTheirOrigin() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(100);
        EventLiteMessageListener listener = new EventLiteMessageListener() {
            @Override
            public void onEvent(String name, String json) {
                throw new AssertionError("the adapter passes the origin");
            }

            @Override
            public void onEvent(String name, String json, EventOrigin origin) {
                heard.add(json + " " + origin.source());
                all.countDown();
            }
        };
        ApplicationSubscriber subscriber = new ApplicationSubscriber("test", listener,
                new TestContainer.ThreadPerWork(), 1000, 1_000_000);

        for (int i = 0; i < 100; i++) {
            assertTrue(subscriber.deliver(event("a", i)));
        }

        assertTrue(all.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            assertEquals("{\"event\":\"a\",\"n\":" + i + "} APPLICATION", heard.get(i));
        }
    }

    @Test
    void aStuckListenerMissesEventsPastItsLimitAndGetsTheRestWhenItMovesAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch fourHeard = new CountDownLatch(4);
        ApplicationSubscriber subscriber = new ApplicationSubscriber("stuck", (name, json) -> {
            firstStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heard.add(json);
            fourHeard.countDown();
        }, new TestContainer.ThreadPerWork(), 3, 1_000_000);

        assertTrue(subscriber.deliver(event("a", 0)));
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS), "the first event is being handled");
        boolean[] queued = new boolean[5];
        for (int i = 1; i <= 5; i++) {
            queued[i - 1] = subscriber.deliver(event("a", i));
        }
        release.countDown();

        assertTrue(queued[0] && queued[1] && queued[2], "three wait");
        assertFalse(queued[3] || queued[4], "the fourth and fifth are past the limit");
        assertTrue(fourHeard.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("{\"event\":\"a\",\"n\":0}", "{\"event\":\"a\",\"n\":1}", "{\"event\":\"a\",\"n\":2}",
                "{\"event\":\"a\",\"n\":3}"), heard);
        assertTrue(subscriber.deliver(event("a", 6)), "caught up, it queues again");
    }
}
