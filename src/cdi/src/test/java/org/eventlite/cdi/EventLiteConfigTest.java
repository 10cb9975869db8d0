package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventlite.cdi.access.AnonymousAccess;
import org.eventlite.cdi.access.UserDirectory;
import org.junit.jupiter.api.Test;

/** Reading the catalogue's settings: defaults, lists, per-user keys, secrets, and refusals that name the key. */
class EventLiteConfigTest {

    private static EventLiteConfig read(Map<String, String> settings) {
        return EventLiteConfig.of(new MapConfig(settings));
    }

    private static String refusal(Map<String, String> settings) {
        return assertThrows(IllegalArgumentException.class, () -> read(settings)).getMessage();
    }

    @Test
    void unsetSettingsHaveTheirDefaults() {
        EventLiteConfig config = read(Map.of());
        assertEquals(100, config.value(Settings.MAX_SUBSCRIPTIONS_PER_CONNECTION));
        assertEquals(Duration.ofSeconds(15), config.value(Settings.SSE_HEARTBEAT));
        assertEquals(AnonymousAccess.NETWORKS, config.value(Settings.ANONYMOUS_ACCESS));
        assertEquals(List.of(">"), config.value(Settings.ANONYMOUS_PUBLISH));
        assertEquals(Optional.empty(), config.value(Settings.TLS_PORT));
        assertEquals(1000, config.cluster().batchMaxEvents());
    }

    @Test
    void aListSetToNothingIsEmptyNotItsDefault() {
        EventLiteConfig config = read(Map.of("eventlite.anonymous.publish", "", "eventlite.anonymous.subscribe", " a.b , c.> "));
        assertEquals(List.of(), config.value(Settings.ANONYMOUS_PUBLISH));
        assertEquals(List.of("a.b", "c.>"), config.value(Settings.ANONYMOUS_SUBSCRIBE));
    }

    @Test
    void perUserSettingsAreReadUnderTheUsersName() {
        EventLiteConfig config = read(Map.of("eventlite.user.ticker.publish", "price.>",
                "eventlite.group.traders.monitor", "true"));
        assertEquals(List.of("price.>"), config.value(Settings.USER_PUBLISH.forName("ticker")));
        assertEquals(List.of(), config.value(Settings.USER_PUBLISH.forName("other")));
        assertEquals(true, config.value(Settings.GROUP_MONITOR.forName("traders")));
        assertThrows(IllegalStateException.class, () -> Settings.USERS.forName("ticker"));
    }

    @Test
    void theClusterPasswordIsReadWhenAskedForAndNotKept() {
        Map<String, String> settings = new HashMap<>(Map.of("eventlite.cluster.password", "first"));
        EventLiteConfig config = read(settings);
        settings.put("eventlite.cluster.password", "second");
        assertEquals(Optional.of("second"), config.value(Settings.CLUSTER_PASSWORD));
    }

    @Test
    void aBadValueIsRefusedWithItsKey() {
        assertEquals("eventlite.identity-store must be none or server, was 'ldap'",
                refusal(Map.of("eventlite.identity-store", "ldap")));
        assertEquals("eventlite.sse.max-streams must be at least 1, was 0", refusal(Map.of("eventlite.sse.max-streams", "0")));
        assertEquals("eventlite.tls.port must be a port number, was '70000'", refusal(Map.of("eventlite.tls.port", "70000")));
        assertEquals("eventlite.cluster.enabled must be true or false, was 'yes'",
                refusal(Map.of("eventlite.cluster.enabled", "yes")));
        assertTrue(refusal(Map.of("eventlite.anonymous.networks", "10.0.0.0/8,intranet"))
                .startsWith("eventlite.anonymous.networks: 'intranet' is not an address block"));
    }

    @Test
    void aRefusalOfTheClusterSettingsNamesTheKeys() {
        String refused = refusal(Map.of("eventlite.cluster.batch-max-events", "500",
                "eventlite.cluster.max-pending-events", "100"));
        assertEquals("eventlite.cluster.batch-max-events (500) must not be more than"
                + " eventlite.cluster.max-pending-events (100)", refused);
        assertEquals("eventlite.cluster.retry-interval must be positive, was PT0S",
                refusal(Map.of("eventlite.cluster.retry-interval", "0s")));
    }

    @Test
    void settingsOfEarlierVersionsAreRefusedWithDirections() {
        assertTrue(refusal(Map.of("eventlite.tls.keystore", "/etc/keys.p12"))
                .startsWith("eventlite.tls.keystore is no longer read"));
    }

    @Test
    void theIdentityStoreIsAChoice() {
        assertEquals(UserDirectory.IdentityStore.SERVER,
                read(Map.of("eventlite.identity-store", "server")).value(Settings.IDENTITY_STORE));
    }
}
