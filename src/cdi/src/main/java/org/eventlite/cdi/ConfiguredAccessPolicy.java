package org.eventlite.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.protocol.Credentials;

/**
 * The shipped access decisions:
 * <ul>
 * <li>Named users are authenticated by the {@link UserDirectory}; each may publish and
 *     subscribe to what its permission patterns allow ({@code *} one token, {@code >} the
 *     rest, a leading {@code !} denies and wins over any allow).</li>
 * <li>Anonymous clients (empty user name) per {@code eventlite.anonymous-access}:
 *     {@code loopback} (default) admits them only while the listener is bound to a
 *     loopback address, as the original's examples run; {@code always}; {@code never}.
 *     What they may do: {@code eventlite.anonymous.publish} and {@code .subscribe}, default {@code >}.</li>
 * <li>A subscription to a pattern is allowed when the rules permit some of the names it
 *     matches; its subscriber then receives only the permitted ones.</li>
 * </ul>
 * Fails closed: an unknown user, a wrong password or a missing permission denies.
 */
@ApplicationScoped
public class ConfiguredAccessPolicy implements EventAccessPolicy {

    private static final Logger LOG = Logger.getLogger(ConfiguredAccessPolicy.class.getName());
    private static final Permissions EVERYTHING = Permissions.parse(List.of(">"));

    enum AnonymousAccess { LOOPBACK, ALWAYS, NEVER }

    @Inject
    EventLiteConfig config;

    @Inject
    UserDirectory directory;

    private UserDirectory.Principal anonymous;

    @PostConstruct
    void read() {
        AnonymousAccess mode = anonymousAccess();
        boolean admitted = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case LOOPBACK -> isLoopback(config.host());
        };
        anonymous = admitted
                ? new UserDirectory.Principal(anonymousRules(EventLiteConfig.ANONYMOUS_PUBLISH),
                        anonymousRules(EventLiteConfig.ANONYMOUS_SUBSCRIBE))
                : null;
        LOG.log(Level.INFO, "EventLite access: {0}; anonymous clients {1} ({2}={3}, host {4})",
                new Object[] {directory.describe(), admitted ? "admitted" : "refused",
                    EventLiteConfig.ANONYMOUS_ACCESS, mode.name().toLowerCase(), config.host()});
    }

    @Override
    public boolean mayPublish(Client client, String event, Credentials credentials) {
        UserDirectory.Principal principal = principal(credentials);
        return principal != null && principal.publish().permits(event);
    }

    @Override
    public boolean maySubscribe(Client client, String pattern, Credentials credentials) {
        UserDirectory.Principal principal = principal(credentials);
        return principal != null && principal.subscribe().permitsSome(EventPattern.parse(pattern));
    }

    @Override
    public EventFilter receivable(Client client, String pattern, Credentials credentials) {
        UserDirectory.Principal principal = principal(credentials);
        return principal == null ? event -> false : principal.subscribe().within(EventPattern.parse(pattern));
    }

    private UserDirectory.Principal principal(Credentials credentials) {
        return credentials.anonymous() ? anonymous : directory.authenticate(credentials);
    }

    private Permissions anonymousRules(String setting) {
        return config.string(setting).isPresent() ? Permissions.parse(config.list(setting)) : EVERYTHING;
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
}
