package org.eventlite.cdi.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Settings;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.EventPattern;

/**
 * The shipped access decisions:
 * <ul>
 * <li>Named users are authenticated by the {@link UserDirectory}; each may publish and
 *     subscribe to what its permission patterns allow ({@code *} one token, {@code >} the
 *     rest, a leading {@code !} denies and wins over any allow).</li>
 * <li>Anonymous clients (empty user name) per {@code eventlite.anonymous-access}, decided
 *     per client from the peer's address, for TCP, HTTP and SSE alike: {@code networks}
 *     (default; {@code loopback} is its older name) admits them only from
 *     {@code eventlite.anonymous.networks}, loopback unless configured; {@code always};
 *     {@code never}. What they may do: {@code eventlite.anonymous.publish} and
 *     {@code .subscribe}, default {@code >}; set and empty means nothing.</li>
 * <li>A subscription to a pattern is allowed when the rules permit some of the names it
 *     matches; its subscriber then receives only the permitted ones.</li>
 * </ul>
 * Fails closed: an unknown user, a wrong password or a missing permission denies.
 */
@ApplicationScoped
public class ConfiguredAccessPolicy implements EventAccessPolicy {

    private static final Logger LOG = Logger.getLogger(ConfiguredAccessPolicy.class.getName());

    private EventLiteConfig config;
    private UserDirectory directory;

    private AnonymousAccess anonymousAccess;
    private List<Network> anonymousNetworks;
    private UserDirectory.Principal anonymous;

    /** For the container's client proxy only. */
    protected ConfiguredAccessPolicy() {
    }

    @Inject
    public ConfiguredAccessPolicy(EventLiteConfig config, UserDirectory directory) {
        this.config = config;
        this.directory = directory;
    }

    @PostConstruct
    void read() {
        anonymousAccess = config.value(Settings.ANONYMOUS_ACCESS);
        anonymousNetworks = config.value(Settings.ANONYMOUS_NETWORKS);
        anonymous = new UserDirectory.Principal(Permissions.parse(config.value(Settings.ANONYMOUS_PUBLISH)),
                Permissions.parse(config.value(Settings.ANONYMOUS_SUBSCRIBE)), config.value(Settings.ANONYMOUS_MONITOR));
        String admitted = switch (anonymousAccess) {
            case ALWAYS -> "admitted from anywhere";
            case NEVER -> "refused";
            case NETWORKS -> "admitted from " + anonymousNetworks.stream().map(Network::toText).toList();
        };
        LOG.log(Level.INFO, "EventLite access: {0}; anonymous clients {1} ({2}={3})",
                new Object[] {directory.describe(), admitted, Settings.ANONYMOUS_ACCESS.key(),
                    anonymousAccess.name().toLowerCase()});
    }

    @Override
    public boolean mayPublish(Client client, String event, Credentials credentials) {
        UserDirectory.Principal principal = principal(client, credentials);
        return principal != null && principal.publish().permits(event);
    }

    @Override
    public boolean maySubscribe(Client client, String pattern, Credentials credentials) {
        UserDirectory.Principal principal = principal(client, credentials);
        return principal != null && principal.subscribe().permitsSome(EventPattern.parse(pattern));
    }

    @Override
    public EventFilter receivable(Client client, String pattern, Credentials credentials) {
        UserDirectory.Principal principal = principal(client, credentials);
        return principal == null ? event -> false : principal.subscribe().within(EventPattern.parse(pattern));
    }

    /** Anonymous clients from the trusted networks, and users or groups with {@code .monitor=true}. */
    @Override
    public boolean mayMonitor(Client client, Credentials credentials) {
        UserDirectory.Principal principal = principal(client, credentials);
        return principal != null && principal.monitor();
    }

    private UserDirectory.Principal principal(Client client, Credentials credentials) {
        if (!credentials.anonymous()) {
            return directory.authenticate(credentials);
        }
        return anonymousAdmitted(client) ? anonymous : null;
    }

    private boolean anonymousAdmitted(Client client) {
        return switch (anonymousAccess) {
            case ALWAYS -> true;
            case NEVER -> false;
            case NETWORKS -> client.remoteAddress().getAddress() != null
                    && Network.anyContains(anonymousNetworks, client.remoteAddress().getAddress());
        };
    }
}
