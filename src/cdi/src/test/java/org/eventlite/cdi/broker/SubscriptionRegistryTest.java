package org.eventlite.cdi.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eventlite.cdi.access.EventFilter;
import org.eventlite.connector.api.Subscriber;
import org.junit.jupiter.api.Test;

class SubscriptionRegistryTest {

    private static Set<Long> receivers(SubscriptionRegistry registry, String event) {
        return Arrays.stream(registry.receiversOf(event)).map(Subscriber::id).collect(Collectors.toSet());
    }

    @Test
    void routesEachNameToTheSubscriptionsWhosePatternMatchesIt() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        List<String> patterns = List.of("a.*", "a.>", "*.b", ">", "a.b", "a", "a.*.c");
        for (int i = 0; i < patterns.size(); i++) {
            registry.subscribe(patterns.get(i), new RecordingConnection(i, "127.0.0.1"), EventFilter.ALL);
        }
        assertEquals(Set.of(3L, 5L), receivers(registry, "a"));
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), receivers(registry, "a.b"));
        assertEquals(Set.of(0L, 1L, 3L), receivers(registry, "a.c"));
        assertEquals(Set.of(1L, 3L, 6L), receivers(registry, "a.b.c"));
        assertEquals(Set.of(2L, 3L), receivers(registry, "x.b"));
        assertEquals(Set.of(3L), receivers(registry, "x.y.z"));
    }

    @Test
    void aConnectionReceivesAnEventOnceHoweverManyOfItsSubscriptionsMatch() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        RecordingConnection connection = new RecordingConnection(1, "127.0.0.1");
        registry.subscribe("a.*", connection, EventFilter.ALL);
        registry.subscribe("a.>", connection, EventFilter.ALL);
        registry.subscribe("a.b", connection, EventFilter.ALL);

        assertEquals(1, registry.receiversOf("a.b").length);
        assertEquals(3, registry.subscriptionsOf(connection));
    }

    @Test
    void unsubscribeAndRemoveTakeEffectAtOnceAndLeaveNothingBehind() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        RecordingConnection first = new RecordingConnection(1, "127.0.0.1");
        RecordingConnection second = new RecordingConnection(2, "127.0.0.1");
        registry.subscribe("a.*", first, EventFilter.ALL);
        registry.subscribe("a.>", second, EventFilter.ALL);
        assertEquals(Set.of(1L, 2L), receivers(registry, "a.b"));

        assertTrue(registry.unsubscribe("a.*", first));
        assertFalse(registry.unsubscribe("a.*", first), "already gone");
        assertEquals(Set.of(2L), receivers(registry, "a.b"));

        registry.remove(second);
        assertArrayEquals(new Subscriber[0], registry.receiversOf("a.b"));
        assertEquals(0, registry.subscriptionCount());
    }

    @Test
    void aFilterDecidesOncePerNameAndAThrowingFilterWithholds() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        int[] asked = new int[1];
        registry.subscribe("a.>", new RecordingConnection(1, "127.0.0.1"), event -> {
            asked[0]++;
            return !event.startsWith("a.secret");
        });
        registry.subscribe("a.>", new RecordingConnection(2, "127.0.0.1"), event -> {
            throw new IllegalStateException("broken policy");
        });
        assertEquals(Set.of(1L), receivers(registry, "a.public"));
        assertEquals(Set.of(), receivers(registry, "a.secret.x"));
        receivers(registry, "a.public");
        assertEquals(2, asked[0], "the answer for a name is cached");
    }

    @Test
    void cachedNamesAreBounded() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.subscribe(">", new RecordingConnection(1, "127.0.0.1"), EventFilter.ALL);
        for (int i = 0; i < SubscriptionRegistry.MAX_CACHED_NAMES * 3; i++) {
            assertEquals(1, registry.receiversOf("name." + i).length);
        }
        assertTrue(registry.cachedNames() <= SubscriptionRegistry.MAX_CACHED_NAMES);
    }
}
