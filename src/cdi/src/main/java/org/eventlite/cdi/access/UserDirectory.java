package org.eventlite.cdi.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eventlite.cdi.ApplicationExecutor;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Setting;
import org.eventlite.cdi.Settings;
import org.eventlite.protocol.Credentials;
import org.eventlite.passwords.PasswordHash;

/**
 * Who a client is and what it may do, from its user name and password.
 * <ul>
 * <li>Users of EventLite's own configuration: {@code eventlite.users}, each with
 *     {@code eventlite.user.<name>.password-hash} (made by {@code eventlite hash-password};
 *     plain-text passwords are refused at start-up).</li>
 * <li>With {@code eventlite.identity-store=server}, any other user is checked against
 *     the user registry of Liberty's server.xml (basic registry, LDAP).</li>
 * <li>Permissions: {@code eventlite.user.<name>.publish} and {@code .subscribe}, plus those
 *     of every group the user is in ({@code eventlite.group.<group>.publish}, {@code .subscribe});
 *     registry groups come from the registry, configured users list theirs in
 *     {@code eventlite.user.<name>.groups}.</li>
 * </ul>
 */
@ApplicationScoped
public class UserDirectory {

    /** What an authenticated user may publish and subscribe to. */
    record Principal(Permissions publish, Permissions subscribe, boolean monitor) {
    }

    private record ConfiguredUser(PasswordHash passwordHash, List<String> groups) {
    }

    public enum IdentityStore { NONE, SERVER }

    private static final String USER_PREFIX = "eventlite.user.";

    /** Compared against when the user is unknown, so that unknown and known users take equally long to refuse. */
    private static final PasswordHash DECOY = PasswordHash.create("decoy".toCharArray());

    private EventLiteConfig config;
    private ApplicationExecutor application;

    private Map<String, ConfiguredUser> users;
    /** Names with {@code eventlite.user.<name>.*} rules, by their lower-case form. */
    private Map<String, String> namesWithRules;
    private IdentityStore identityStore;
    private PasswordVerifier registry;
    private VerifiedCredentials verified;
    private final RefusalPadding registryTiming = new RefusalPadding();

    /** For the container's client proxy only. */
    protected UserDirectory() {
    }

    @Inject
    public UserDirectory(EventLiteConfig config, ApplicationExecutor application) {
        this.config = config;
        this.application = application;
    }

    @PostConstruct
    void read() {
        Map<String, ConfiguredUser> table = new HashMap<>();
        for (String name : config.value(Settings.USERS)) {
            String plainPassword = "eventlite.user." + name + ".password";
            if (config.isSet(plainPassword)) {
                throw new IllegalArgumentException(plainPassword + " is not accepted: passwords are kept hashed."
                        + " Set " + plainPassword + "-hash to the output of 'eventlite hash-password'");
            }
            Setting<Optional<String>> hashSetting = Settings.USER_PASSWORD_HASH.forName(name);
            String hash = config.value(hashSetting).orElseThrow(() -> new IllegalArgumentException(
                    hashSetting.key() + " is not set; every user in " + Settings.USERS.key() + " needs one"));
            try {
                List<String> groups = config.value(Settings.USER_GROUPS.forName(name));
                table.put(name, new ConfiguredUser(PasswordHash.parse(hash), groups));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(hashSetting.key() + ": " + e.getMessage(), e);
            }
        }
        users = Map.copyOf(table);
        namesWithRules = namesWithRules();
        identityStore = config.value(Settings.IDENTITY_STORE);
        registry = identityStore == IdentityStore.SERVER
                ? application.onCallersThread(new LibertyRegistryVerifier(), PasswordVerifier.class)
                : null;
        verified = new VerifiedCredentials(config.value(Settings.AUTH_CACHE_TTL), config.value(Settings.AUTH_CACHE_SIZE));
    }

    /** @return the principal, or null if the user is unknown or the password wrong */
    Principal authenticate(Credentials credentials) {
        String username = credentials.username();
        byte[] digest = VerifiedCredentials.digest(credentials.password());
        Principal known = verified.lookup(username, digest);
        if (known != null) {
            return known;
        }
        Principal principal = check(username, credentials.password());
        if (principal != null) {
            verified.remember(username, digest, principal);
        }
        return principal;
    }

    private Principal check(String username, String password) {
        ConfiguredUser user = users.get(username);
        if (user != null) {
            return user.passwordHash().matches(password) ? principal(username, user.groups()) : null;
        }
        if (registry != null) {
            // The registry's own spelling of the name selects the rules: a registry that accepts
            // ALICE for alice must not let ALICE escape eventlite.user.alice.* and its denials.
            long started = System.nanoTime();
            Optional<PasswordVerifier.Identity> identity = registry.verify(username, password);
            registryTiming.checked(started, identity.isEmpty());
            return identity.map(found -> principal(ruleName(found.name()), List.copyOf(found.groups()))).orElse(null);
        }
        DECOY.matches(password);
        return null;
    }

    private Principal principal(String username, List<String> groups) {
        Permissions publish = permissions(Settings.USER_PUBLISH.forName(username));
        Permissions subscribe = permissions(Settings.USER_SUBSCRIBE.forName(username));
        boolean monitor = config.value(Settings.USER_MONITOR.forName(username));
        for (String group : groups) {
            publish = publish.plus(permissions(Settings.GROUP_PUBLISH.forName(group)));
            subscribe = subscribe.plus(permissions(Settings.GROUP_SUBSCRIBE.forName(group)));
            monitor |= config.value(Settings.GROUP_MONITOR.forName(group));
        }
        return new Principal(publish, subscribe, monitor);
    }

    /**
     * The name whose {@code eventlite.user.<name>.*} rules apply to a registry user. A registry may
     * log in {@code ALICE} as {@code alice} and report the name as typed (Liberty's basic registry
     * with {@code ignoreCaseForAuthentication} does); her rules, denials included, must follow her.
     */
    private String ruleName(String registryName) {
        if (namesWithRules.containsValue(registryName)) {
            return registryName;
        }
        return namesWithRules.getOrDefault(registryName.toLowerCase(Locale.ROOT), registryName);
    }

    private Map<String, String> namesWithRules() {
        Map<String, String> names = new HashMap<>();
        for (String property : config.propertyNames()) {
            if (property.startsWith(USER_PREFIX)) {
                int dot = property.lastIndexOf('.');
                if (dot > USER_PREFIX.length()) {
                    String name = property.substring(USER_PREFIX.length(), dot);
                    names.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return Map.copyOf(names);
    }

    private Permissions permissions(Setting<List<String>> setting) {
        return Permissions.parse(config.value(setting));
    }

    /** For the start-up log line. */
    String describe() {
        return users.size() + " configured user(s), identity store " + identityStore.name().toLowerCase();
    }
}
