package org.eventlite.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eventlite.cdi.cluster.ClusterSettings;
import org.eventlite.connector.api.ClientLimits;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.DecoderLimits;

/**
 * The values of the {@link Settings} catalogue, read through MicroProfile Config (so
 * {@code EVENTLITE_MAX_EVENT_BYTES} overrides {@code eventlite.max-event-bytes}) and checked at
 * start-up: every catalogued setting is read once, so a bad value stops the start with a message
 * naming it. Each value is checked by its entry's parser; the settings records (the connector's,
 * {@link ClusterSettings}) check how values go together, and their refusals are given again in
 * the settings' keys.
 */
@ApplicationScoped
public class EventLiteConfig {

    @Inject
    Config config;

    /** The catalogued settings' values, read at start-up; secrets and per-name settings are not kept. */
    private final Map<Setting<?>, Object> values = new HashMap<>();
    private ListenerSettings listenerSettings;
    private ClusterSettings cluster;

    /** The settings {@code config} holds, read and checked now: for tests and tools outside the container. */
    public static EventLiteConfig of(Config config) {
        EventLiteConfig settings = new EventLiteConfig();
        settings.config = config;
        settings.read();
        return settings;
    }

    @PostConstruct
    void read() {
        for (Setting<?> setting : Settings.ALL) {
            if (setting.kind() == Setting.Kind.RESTARTS_LISTENER || setting.kind() == Setting.Kind.ADDRESS) {
                values.put(setting, readNow(setting));
            }
        }
        LibertyTls.refuseReplacedSettings(this);
        listenerSettings = readListenerSettings();
        cluster = withSettingNames(Settings.CLUSTER, () -> new ClusterSettings(
                value(Settings.CLUSTER_ENABLED),
                value(Settings.CLUSTER_NODE).orElseGet(() -> defaultNodeName(value(Settings.PORT))),
                value(Settings.CLUSTER_CONNECTION_FACTORY),
                value(Settings.CLUSTER_TOPIC),
                value(Settings.CLUSTER_ARTEMIS_URL),
                value(Settings.CLUSTER_ARTEMIS_ADDRESS),
                value(Settings.CLUSTER_USER),
                value(Settings.CLUSTER_MAX_PENDING_EVENTS),
                value(Settings.CLUSTER_MAX_PENDING_BYTES),
                value(Settings.CLUSTER_BATCH_MAX_EVENTS),
                value(Settings.CLUSTER_BATCH_MAX_BYTES),
                value(Settings.CLUSTER_BATCH_LINGER),
                value(Settings.CLUSTER_RETRY_INTERVAL),
                value(Settings.CLUSTER_READY_WHILE_LINK_DOWN),
                value(Settings.CLUSTER_ENGINE)));
    }

    private ListenerSettings readListenerSettings() {
        DecoderLimits limits = withSettingNames(Settings.LISTENER, () -> new DecoderLimits(
                value(Settings.MAX_REQUEST_LINE_BYTES),
                value(Settings.MAX_EVENT_BYTES),
                value(Settings.MAX_EVENT_NAME_BYTES),
                value(Settings.MAX_EVENT_NAME_TOKENS)));
        ClientLimits clientLimits = withSettingNames(Settings.LISTENER, () -> new ClientLimits(
                value(Settings.SOFT_PENDING_BYTES),
                value(Settings.SOFT_PENDING_TIME),
                value(Settings.REQUEST_BODY_BUDGET),
                value(Settings.OUTBOUND_BUDGET),
                value(Settings.FIRST_REQUEST_TIMEOUT),
                value(Settings.MAX_CONNECTIONS_PER_ADDRESS)));
        return withSettingNames(Settings.LISTENER, () -> new ListenerSettings(limits,
                value(Settings.LINE_GRACE_PERIOD),
                value(Settings.IO_THREADS),
                value(Settings.MAX_CONNECTIONS),
                value(Settings.MAX_PENDING_BYTES),
                value(Settings.WRITE_TIMEOUT),
                value(Settings.REQUEST_TIMEOUT),
                value(Settings.LATENCY_SAMPLE_EVERY),
                LibertyTls.read(value(Settings.TLS_PORT), value(Settings.TLS_SSL_REF)),
                clientLimits,
                value(Settings.BARE_SUBSCRIBE_PAUSE)));
    }

    /**
     * Makes a settings record; its refusal, which names the record's components, is given again
     * in the keys of the settings behind them.
     */
    private static <T> T withSettingNames(List<Setting<?>> checked, Supplier<T> record) {
        try {
            return record.get();
        } catch (IllegalArgumentException e) {
            Map<String, String> keyOfComponent = new HashMap<>();
            for (Setting<?> setting : checked) {
                keyOfComponent.put(setting.component(), setting.key());
            }
            Pattern component = Pattern.compile("\\b(" + String.join("|", keyOfComponent.keySet()) + ")\\b");
            String named = component.matcher(e.getMessage())
                    .replaceAll(match -> Matcher.quoteReplacement(keyOfComponent.get(match.group(1))));
            throw new IllegalArgumentException(named, e);
        }
    }

    /** The host name (a pod's name under Kubernetes) and the listener port: unique per server. */
    private static String defaultNodeName(int port) {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + port;
        } catch (UnknownHostException e) {
            return "eventlite:" + port;
        }
    }

    /**
     * A setting's value: as read at start-up for the catalogued settings, read now for a
     * per-user or per-group setting ({@link Setting#forName}) and for a secret, which is thus
     * kept in no object that a heap dump or a log might show.
     */
    @SuppressWarnings("unchecked")
    public <T> T value(Setting<T> setting) {
        Object kept = values.get(setting);
        return kept != null ? (T) kept : readNow(setting);
    }

    private <T> T readNow(Setting<T> setting) {
        Optional<String> text = config.getOptionalValue(setting.key(), String.class);
        if (text.isPresent()) {
            return setting.valueOf(text.get());
        }
        // MicroProfile Config reports a value set to nothing as missing; for a list that means "none".
        boolean setEmpty = config.getConfigValue(setting.key()).getRawValue() != null;
        return setting.valueOf(setEmpty ? "" : null);
    }

    /** Whether {@code key} has a value: for the keys of earlier versions, which are refused, not read. */
    public boolean isSet(String key) {
        return config.getOptionalValue(key, String.class).filter(text -> !text.isBlank()).isPresent();
    }

    /** Every setting name the configuration knows, for settings keyed by a user or group name. */
    public Iterable<String> propertyNames() {
        return config.getPropertyNames();
    }

    public ListenerSettings listenerSettings() {
        return listenerSettings;
    }

    public ClusterSettings cluster() {
        return cluster;
    }
}
