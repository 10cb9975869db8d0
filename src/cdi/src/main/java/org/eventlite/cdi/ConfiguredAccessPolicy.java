package org.eventlite.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.protocol.Credentials;

/**
 * The shipped access decisions, read from configuration:
 * <ul>
 * <li>{@code eventlite.users}: the user names; for each, {@code eventlite.user.<name>.password},
 *     {@code .publish} and {@code .subscribe} (comma-separated event names or patterns,
 *     {@code *} one token, {@code >} the rest). A user may do nothing that is not listed.</li>
 * <li>Anonymous clients (empty user name) per {@code eventlite.anonymous-access}:
 *     {@code loopback} (default) admits them only while the listener is bound to a
 *     loopback address, as the original's examples run; {@code always}; {@code never}.
 *     What they may do: {@code eventlite.anonymous.publish} and {@code .subscribe}, default {@code >}.</li>
 * </ul>
 * Fails closed: an unknown user, a wrong password or a missing permission denies.
 */
@ApplicationScoped
public class ConfiguredAccessPolicy implements EventAccessPolicy {

    private static final Logger LOG = Logger.getLogger(ConfiguredAccessPolicy.class.getName());

    enum AnonymousAccess { LOOPBACK, ALWAYS, NEVER }

    private record User(byte[] passwordDigest, List<EventPattern> publish, List<EventPattern> subscribe) {
    }

    @Inject
    EventLiteConfig config;

    private Map<String, User> users;
    private boolean anonymousAdmitted;
    private List<EventPattern> anonymousPublish;
    private List<EventPattern> anonymousSubscribe;

    @PostConstruct
    void read() {
        Map<String, User> table = new HashMap<>();
        for (String name : config.list(EventLiteConfig.USERS)) {
            String prefix = "eventlite.user." + name + ".";
            String password = config.string(prefix + "password").orElseThrow(() -> new IllegalArgumentException(
                    prefix + "password is not set; every user in " + EventLiteConfig.USERS + " needs one"));
            table.put(name, new User(digest(password), patterns(prefix + "publish"), patterns(prefix + "subscribe")));
        }
        users = Map.copyOf(table);
        AnonymousAccess mode = anonymousAccess();
        anonymousAdmitted = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case LOOPBACK -> isLoopback(config.host());
        };
        anonymousPublish = config.string(EventLiteConfig.ANONYMOUS_PUBLISH).isPresent()
                ? patterns(EventLiteConfig.ANONYMOUS_PUBLISH) : List.of(EventPattern.parse(">"));
        anonymousSubscribe = config.string(EventLiteConfig.ANONYMOUS_SUBSCRIBE).isPresent()
                ? patterns(EventLiteConfig.ANONYMOUS_SUBSCRIBE) : List.of(EventPattern.parse(">"));
        LOG.log(Level.INFO, "EventLite access: {0} configured user(s); anonymous clients {1} ({2}={3}, host {4})",
                new Object[] {users.size(), anonymousAdmitted ? "admitted" : "refused",
                    EventLiteConfig.ANONYMOUS_ACCESS, mode.name().toLowerCase(), config.host()});
    }

    @Override
    public boolean mayPublish(Client client, String event, Credentials credentials) {
        return allowed(credentials, event, anonymousPublish, User::publish);
    }

    @Override
    public boolean maySubscribe(Client client, String event, Credentials credentials) {
        return allowed(credentials, event, anonymousSubscribe, User::subscribe);
    }

    private boolean allowed(Credentials credentials, String event, List<EventPattern> anonymousPatterns,
            Function<User, List<EventPattern>> userPatterns) {
        if (credentials.anonymous()) {
            return anonymousAdmitted && anyMatches(anonymousPatterns, event);
        }
        User user = authenticated(credentials);
        return user != null && anyMatches(userPatterns.apply(user), event);
    }

    /** Compares digests, so the time taken does not depend on where the passwords differ, nor on their lengths. */
    private User authenticated(Credentials credentials) {
        User user = users.get(credentials.username());
        byte[] offered = digest(credentials.password());
        return user != null && MessageDigest.isEqual(user.passwordDigest(), offered) ? user : null;
    }

    private static boolean anyMatches(List<EventPattern> patterns, String event) {
        for (EventPattern pattern : patterns) {
            if (pattern.matches(event)) {
                return true;
            }
        }
        return false;
    }

    private List<EventPattern> patterns(String setting) {
        return config.list(setting).stream().map(EventPattern::parse).toList();
    }

    private AnonymousAccess anonymousAccess() {
        String text = config.string(EventLiteConfig.ANONYMOUS_ACCESS).orElse("loopback");
        try {
            return AnonymousAccess.valueOf(text.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EventLiteConfig.ANONYMOUS_ACCESS
                    + " must be loopback, always or never, was '" + text + "'", e);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
