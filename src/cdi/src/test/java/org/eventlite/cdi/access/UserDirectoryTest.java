package org.eventlite.cdi.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.MapConfig;
import org.eventlite.protocol.Credentials;
import org.eventlite.passwords.PasswordHash;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    static UserDirectory directory(EventLiteConfig config) {
        // No executor: only eventlite.identity-store=server, which needs Liberty, uses it.
        UserDirectory directory = new UserDirectory(config, null);
        directory.read();
        return directory;
    }

    static UserDirectory directory(Map<String, String> settings) {
        return directory(EventLiteConfig.of(new MapConfig(settings)));
    }

    private static Map<String, String> carol() {
        Map<String, String> settings = new HashMap<>();
        settings.put("eventlite.users", "carol");
        settings.put("eventlite.user.carol.password-hash", PasswordHash.create("carol-pw".toCharArray()).toString());
        settings.put("eventlite.user.carol.publish", "news.>");
        settings.put("eventlite.user.carol.groups", "traders");
        settings.put("eventlite.group.traders.subscribe", "price.>,!price.internal.>");
        settings.put("eventlite.group.traders.publish", "orders");
        return settings;
    }

    @Test
    void aConfiguredUserGetsItsOwnAndItsGroupsPermissions() {
        UserDirectory directory = directory(carol());
        UserDirectory.Principal carol = directory.authenticate(new Credentials("carol", "carol-pw"));

        assertNotNull(carol);
        assertTrue(carol.publish().permits("news.today"));
        assertTrue(carol.publish().permits("orders"));
        assertTrue(carol.subscribe().permits("price.eur"));
        assertFalse(carol.subscribe().permits("price.internal.cost"));
        assertFalse(carol.subscribe().permits("news.today"));
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefusedEvenAfterASuccess() {
        UserDirectory directory = directory(carol());
        assertNotNull(directory.authenticate(new Credentials("carol", "carol-pw")));
        assertNull(directory.authenticate(new Credentials("carol", "carol-pW")));
        assertNull(directory.authenticate(new Credentials("mallory", "carol-pw")));
        assertNotNull(directory.authenticate(new Credentials("carol", "carol-pw")));
    }

    @Test
    void plainTextPasswordsInConfigurationAreRefusedAtStartUp() {
        Map<String, String> settings = new HashMap<>();
        settings.put("eventlite.users", "dave");
        settings.put("eventlite.user.dave.password", "dave-pw");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> directory(settings));
        assertTrue(e.getMessage().contains("eventlite.user.dave.password-hash"), e.getMessage());
        assertFalse(e.getMessage().contains("dave-pw"));
    }
}
