package org.eventlite.cdi.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.MapConfig;
import org.eventlite.cdi.broker.RecordingConnection;
import org.eventlite.cdi.broker.RequestRouter;
import org.eventlite.cdi.broker.RequestRouterTest;
import org.eventlite.cdi.broker.SubscriptionRegistry;
import org.eventlite.connector.api.Frame;
import org.eventlite.protocol.Credentials;
import org.junit.jupiter.api.Test;

/** Anonymous admission is decided per client, from its address, whatever address the server listens on. */
class ConfiguredAccessPolicyTest {

    private static ConfiguredAccessPolicy policy(Map<String, String> settings) {
        EventLiteConfig config = EventLiteConfig.of(new MapConfig(settings));
        ConfiguredAccessPolicy policy = new ConfiguredAccessPolicy(config, UserDirectoryTest.directory(config));
        policy.read();
        return policy;
    }

    private static Client client(String address) {
        return new Client(1, new InetSocketAddress(address, 40000));
    }

    @Test
    void anonymousClientsAreAdmittedFromLoopbackOnlyEvenWhenTheListenerListensEverywhere() {
        ConfiguredAccessPolicy policy = policy(Map.of("eventlite.host", "0.0.0.0"));
        assertTrue(policy.mayPublish(client("127.0.0.1"), "a", Credentials.ANONYMOUS));
        assertTrue(policy.maySubscribe(client("127.5.6.7"), "a", Credentials.ANONYMOUS));
        assertTrue(policy.mayPublish(client("::1"), "a", Credentials.ANONYMOUS));
        assertFalse(policy.mayPublish(client("198.18.7.2"), "a", Credentials.ANONYMOUS));
        assertFalse(policy.maySubscribe(client("10.1.2.3"), "a", Credentials.ANONYMOUS));
        assertFalse(policy.maySubscribe(client("fd00::1"), ">", Credentials.ANONYMOUS));
    }

    @Test
    void trustedNetworksAreConfigurable() {
        ConfiguredAccessPolicy policy = policy(Map.of("eventlite.anonymous.networks", "10.0.0.0/8, 127.0.0.1/32"));
        assertTrue(policy.mayPublish(client("10.200.0.1"), "a", Credentials.ANONYMOUS));
        assertTrue(policy.mayPublish(client("127.0.0.1"), "a", Credentials.ANONYMOUS));
        assertFalse(policy.mayPublish(client("127.0.0.2"), "a", Credentials.ANONYMOUS));
        assertFalse(policy.mayPublish(client("11.0.0.1"), "a", Credentials.ANONYMOUS));
    }

    @Test
    void alwaysAndNeverIgnoreTheAddress() {
        assertTrue(policy(Map.of("eventlite.anonymous-access", "always"))
                .mayPublish(client("198.18.7.2"), "a", Credentials.ANONYMOUS));
        assertFalse(policy(Map.of("eventlite.anonymous-access", "never"))
                .mayPublish(client("127.0.0.1"), "a", Credentials.ANONYMOUS));
    }

    @Test
    void anEmptyPermissionListGrantsNothing() {
        Map<String, String> settings = new HashMap<>();
        settings.put("eventlite.anonymous.publish", "");
        ConfiguredAccessPolicy policy = policy(settings);
        assertFalse(policy.mayPublish(client("127.0.0.1"), "a", Credentials.ANONYMOUS));
        assertTrue(policy.maySubscribe(client("127.0.0.1"), "a", Credentials.ANONYMOUS), "subscribe is unset: everything");
    }

    @Test
    void badNetworksStopTheStartWithTheSettingsName() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "10.0.0.0/x", "example.com/8")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> policy(Map.of("eventlite.anonymous.networks", bad)));
            assertTrue(e.getMessage().startsWith("eventlite.anonymous.networks"), e.getMessage());
        }
    }

    @Test
    void aPublishFromAnUntrustedAddressIsDeniedWhenItsLineArrives() {
        EventLiteConfig config = EventLiteConfig.of(new MapConfig(Map.of()));
        RecordingConnection remote = new RecordingConnection(1, "198.18.7.2");
        RequestRouter router = RequestRouterTest.router(policy(Map.of()), config, new SubscriptionRegistry());
        assertFalse(router.admitPublish(remote, "a", Credentials.ANONYMOUS));
        assertEquals(List.of(Frame.PERMISSION_DENIED), remote.sent);
    }
}
