package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Users of the Liberty basic registry configured in the test server's
 * server.xml (it-registry.xml), with eventlite.identity-store=server: the
 * registry checks passwords, its groups map to event permissions. Denials come
 * from 127.0.0.4, apart from other tests' throttling budget.
 */
class IdentityStoreIT {

    private static final String ADDRESS = "127.0.0.4";

    @Test
    void aRegistryUserPublishesAndSubscribesWithItsGroupsPermissions() throws Exception {
        try (RawClient subscriber = RawClient.connectFrom(ADDRESS); RawClient publisher = RawClient.connectFrom(ADDRESS)) {
            assertEquals("ok", subscriber.subscribe("audit.*", TestServer.ERIN));
            assertEquals("ok", subscriber.subscribe("erin.inbox", TestServer.ERIN), "her own permission too");
            assertEquals("ok", publisher.publish("audit.login", TestServer.ERIN, "{\"who\":\"erin\"}"));
            assertEquals("ok", publisher.publish("erin.inbox", TestServer.ANONYMOUS, "{}"));
            assertEquals("{\"event\":\"audit.login\",\"who\":\"erin\"}", subscriber.readEventJson());
            assertEquals("{\"event\":\"erin.inbox\"}", subscriber.readEventJson());
        }
    }

    /**
     * The registry accepts ERIN for erin (and reports the name as typed, without groups); her
     * own rules, denials included, must follow her whatever the spelling.
     */
    @Test
    void rulesFollowTheUserWhateverTheSpellingTyped() throws Exception {
        String shouted = TestServer.ERIN.replace("erin|", "ERIN|");
        try (RawClient client = RawClient.connectFrom(ADDRESS)) {
            assertEquals("ok", client.subscribe("erin.inbox", shouted), "her own permission");
            assertEquals("permission denied", client.publish("audit.secret", shouted, "{}"), "her own denial");
        }
    }

    @Test
    void theWrongPasswordIsDenied() throws Exception {
        try (RawClient client = RawClient.connectFrom(ADDRESS)) {
            assertEquals("permission denied", client.subscribe("audit.*", TestServer.ERIN_WRONG_PASSWORD));
            assertEquals("permission denied", client.publish("audit.x", TestServer.ERIN_WRONG_PASSWORD, "{}"));
        }
    }

    @Test
    void permissionsComeFromGroupsAUserOutsideThemGetsNone() throws Exception {
        try (RawClient client = RawClient.connectFrom(ADDRESS)) {
            assertEquals("permission denied", client.subscribe("audit.*", TestServer.FRANK));
            assertEquals("permission denied", client.subscribe("other", TestServer.ERIN), "outside the group's rules");
        }
    }
}
