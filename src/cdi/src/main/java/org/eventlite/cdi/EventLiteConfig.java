package org.eventlite.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eventlite.cdi.access.Network;
import org.eventlite.cdi.access.UserDirectory;
import org.eventlite.connector.api.ClientLimits;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.connector.api.TlsSettings;
import org.eventlite.protocol.DecoderLimits;

/**
 * Every EventLite setting, read once through MicroProfile Config (so
 * {@code EVENTLITE_MAX_EVENT_BYTES} overrides {@code eventlite.max-event-bytes})
 * and checked at start-up with a message naming the bad setting.
 * docs/configuration.md lists them with their defaults (SettingsDocumentedTest).
 */
@ApplicationScoped
public class EventLiteConfig {

    static final String HOST = "eventlite.host";
    static final String MAX_EVENT_BYTES = "eventlite.max-event-bytes";
    static final String MAX_REQUEST_LINE_BYTES = "eventlite.max-request-line-bytes";
    static final String MAX_EVENT_NAME_BYTES = "eventlite.max-event-name-bytes";
    static final String MAX_EVENT_NAME_TOKENS = "eventlite.max-event-name-tokens";
    static final String SOFT_PENDING_BYTES = "eventlite.subscriber.soft-pending-bytes";
    static final String SOFT_PENDING_TIME = "eventlite.subscriber.soft-pending-time";
    static final String REQUEST_BODY_BUDGET = "eventlite.budget.request-body-bytes";
    static final String OUTBOUND_BUDGET = "eventlite.budget.outbound-bytes";
    static final String FIRST_REQUEST_TIMEOUT = "eventlite.first-request-timeout";
    static final String MAX_CONNECTIONS_PER_ADDRESS = "eventlite.max-connections-per-address";
    public static final String MAX_SUBSCRIPTIONS = "eventlite.max-subscriptions";
    static final String ANONYMOUS_NETWORKS = "eventlite.anonymous.networks";
    public static final String ANONYMOUS_MONITOR = "eventlite.anonymous.monitor";
    static final String HTTP_ALLOWED_ORIGINS = "eventlite.http.allowed-origins";
    static final String LINE_GRACE_PERIOD = "eventlite.line-grace-period";
    static final String BARE_SUBSCRIBE_PAUSE = "eventlite.bare-subscribe-pause";
    static final String IO_THREADS = "eventlite.io-threads";
    static final String LATENCY_SAMPLE_EVERY = "eventlite.metrics.latency-sample-every";
    static final String MAX_CONNECTIONS = "eventlite.max-connections";
    static final String MAX_PENDING_BYTES = "eventlite.subscriber.max-pending-bytes";
    static final String WRITE_TIMEOUT = "eventlite.subscriber.write-timeout";
    static final String REQUEST_TIMEOUT = "eventlite.request-timeout";
    static final String ACTIVATION_TIMEOUT = "eventlite.activation-timeout";
    public static final String ANONYMOUS_ACCESS = "eventlite.anonymous-access";
    public static final String ANONYMOUS_PUBLISH = "eventlite.anonymous.publish";
    public static final String ANONYMOUS_SUBSCRIBE = "eventlite.anonymous.subscribe";
    public static final String USERS = "eventlite.users";
    static final String MAX_SUBSCRIPTIONS_PER_CONNECTION = "eventlite.max-subscriptions-per-connection";
    static final String AUTH_MAX_FAILURES = "eventlite.auth.max-failures";
    static final String AUTH_FAILURE_WINDOW = "eventlite.auth.failure-window";
    static final String AUTH_CACHE_TTL = "eventlite.auth.cache-ttl";
    static final String AUTH_CACHE_SIZE = "eventlite.auth.cache-size";
    static final String IDENTITY_STORE = "eventlite.identity-store";
    static final String SSE_HEARTBEAT = "eventlite.sse.heartbeat";
    static final String SSE_MAX_STREAMS = "eventlite.sse.max-streams";
    static final String CLUSTER_ENABLED = "eventlite.cluster.enabled";
    static final String CLUSTER_NODE = "eventlite.cluster.node";
    static final String CLUSTER_CONNECTION_FACTORY = "eventlite.cluster.connection-factory";
    static final String CLUSTER_TOPIC = "eventlite.cluster.topic";
    static final String CLUSTER_MAX_PENDING = "eventlite.cluster.max-pending-events";
    static final String CLUSTER_RETRY_INTERVAL = "eventlite.cluster.retry-interval";
    static final String CLUSTER_MAX_PENDING_BYTES = "eventlite.cluster.max-pending-bytes";
    static final String CLUSTER_BATCH_MAX_EVENTS = "eventlite.cluster.batch-max-events";
    static final String CLUSTER_BATCH_MAX_BYTES = "eventlite.cluster.batch-max-bytes";
    static final String CLUSTER_BATCH_LINGER = "eventlite.cluster.batch-linger";
    static final String CLUSTER_READY_WHILE_LINK_DOWN = "eventlite.cluster.ready-while-link-down";
    static final String CLUSTER_ARTEMIS_URL = "eventlite.cluster.artemis-url";
    static final String CLUSTER_ARTEMIS_ADDRESS = "eventlite.cluster.artemis-address";
    static final String CLUSTER_USER = "eventlite.cluster.user";
    static final String CLUSTER_PASSWORD = "eventlite.cluster.password";

    static final int DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
    /** Under 1 KiB each for 255-byte names and patterns (docs/security.md): under 100 MB at the limit. */
    static final int DEFAULT_MAX_SUBSCRIPTIONS = 100_000;
    static final int DEFAULT_AUTH_MAX_FAILURES = 10;
    static final Duration DEFAULT_AUTH_FAILURE_WINDOW = Duration.ofMinutes(1);
    static final Duration DEFAULT_AUTH_CACHE_TTL = Duration.ofMinutes(5);
    static final int DEFAULT_AUTH_CACHE_SIZE = 10_000;
    static final Duration DEFAULT_SSE_HEARTBEAT = Duration.ofSeconds(15);
    /** Each stream holds a servlet request, its queue and a heartbeat task. */
    static final int DEFAULT_SSE_MAX_STREAMS = 1000;

    static final Duration DEFAULT_ACTIVATION_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Config config;

    private ListenerSettings listenerSettings;
    private int authMaxFailures;
    private int maxSubscriptionsPerConnection;
    private int maxSubscriptions;
    private List<Network> anonymousNetworks;
    private List<String> httpAllowedOrigins;
    private Duration authFailureWindow;
    private Duration authCacheTtl;
    private int authCacheSize;
    private UserDirectory.IdentityStore identityStore;
    private Duration sseHeartbeat;
    private int sseMaxStreams;
    private boolean clusterEnabled;
    private String clusterNode;
    private String clusterConnectionFactory;
    private String clusterTopic;
    private Optional<String> clusterArtemisUrl;
    private String clusterArtemisAddress;
    private String clusterUser;
    private int clusterMaxPendingEvents;
    private Duration clusterRetryInterval;
    private long clusterMaxPendingBytes;
    private int clusterBatchMaxEvents;
    private int clusterBatchMaxBytes;
    private Duration clusterBatchLinger;
    private boolean clusterReadyWhileLinkDown;
    private Duration activationTimeout;
    private String host;

    /**
     * The setting behind each component of the connector's settings records, which check their
     * values in their own terms: a refusal names the setting the user wrote.
     */
    private static final Map<String, String> SETTING_OF_COMPONENT = Map.ofEntries(
            Map.entry("maxRequestLineBytes", MAX_REQUEST_LINE_BYTES),
            Map.entry("maxEventBytes", MAX_EVENT_BYTES),
            Map.entry("maxEventNameBytes", MAX_EVENT_NAME_BYTES),
            Map.entry("maxEventNameTokens", MAX_EVENT_NAME_TOKENS),
            Map.entry("softPendingBytes", SOFT_PENDING_BYTES),
            Map.entry("softPendingTime", SOFT_PENDING_TIME),
            Map.entry("requestBodyBudgetBytes", REQUEST_BODY_BUDGET),
            Map.entry("outboundBudgetBytes", OUTBOUND_BUDGET),
            Map.entry("firstRequestTimeout", FIRST_REQUEST_TIMEOUT),
            Map.entry("maxConnectionsPerAddress", MAX_CONNECTIONS_PER_ADDRESS),
            Map.entry("lineGracePeriod", LINE_GRACE_PERIOD),
            Map.entry("bareSubscribePause", BARE_SUBSCRIBE_PAUSE),
            Map.entry("ioThreads", IO_THREADS),
            Map.entry("latencySampleEvery", LATENCY_SAMPLE_EVERY),
            Map.entry("maxConnections", MAX_CONNECTIONS),
            Map.entry("maxPendingBytes", MAX_PENDING_BYTES),
            Map.entry("writeTimeout", WRITE_TIMEOUT),
            Map.entry("requestTimeout", REQUEST_TIMEOUT));
    private static final Pattern COMPONENT = Pattern.compile("\\b(" + String.join("|", SETTING_OF_COMPONENT.keySet()) + ")\\b");

    /** Makes a settings record; its refusal, if any, is given again in the settings' names. */
    private static <T> T withSettingNames(Supplier<T> record) {
        try {
            return record.get();
        } catch (IllegalArgumentException e) {
            String named = COMPONENT.matcher(e.getMessage())
                    .replaceAll(match -> Matcher.quoteReplacement(SETTING_OF_COMPONENT.get(match.group(1))));
            throw new IllegalArgumentException(named, e);
        }
    }

    /** The settings {@code config} holds, read and checked now: for tests and tools outside the container. */
    public static EventLiteConfig of(Config config) {
        EventLiteConfig settings = new EventLiteConfig();
        settings.config = config;
        settings.read();
        return settings;
    }

    @PostConstruct
    void read() {
        DecoderLimits limits = withSettingNames(() -> new DecoderLimits(
                integer(MAX_REQUEST_LINE_BYTES, DecoderLimits.DEFAULT_MAX_REQUEST_LINE_BYTES),
                integer(MAX_EVENT_BYTES, DecoderLimits.DEFAULT_MAX_EVENT_BYTES),
                integer(MAX_EVENT_NAME_BYTES, DecoderLimits.DEFAULT_MAX_EVENT_NAME_BYTES),
                integer(MAX_EVENT_NAME_TOKENS, DecoderLimits.DEFAULT_MAX_EVENT_NAME_TOKENS)));
        ClientLimits clientLimits = withSettingNames(() -> new ClientLimits(
                longValue(SOFT_PENDING_BYTES, ClientLimits.DEFAULT_SOFT_PENDING_BYTES),
                duration(SOFT_PENDING_TIME, ClientLimits.DEFAULT_SOFT_PENDING_TIME),
                longValue(REQUEST_BODY_BUDGET, ClientLimits.DEFAULT_REQUEST_BODY_BUDGET_BYTES),
                longValue(OUTBOUND_BUDGET, ClientLimits.DEFAULT_OUTBOUND_BUDGET_BYTES),
                duration(FIRST_REQUEST_TIMEOUT, ClientLimits.DEFAULT_FIRST_REQUEST_TIMEOUT),
                integer(MAX_CONNECTIONS_PER_ADDRESS, ClientLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS)));
        Optional<TlsSettings> tls = LibertyTls.read(this);
        listenerSettings = withSettingNames(() -> new ListenerSettings(limits,
                duration(LINE_GRACE_PERIOD, ListenerSettings.DEFAULT_LINE_GRACE_PERIOD),
                integer(IO_THREADS, ListenerSettings.DEFAULT_IO_THREADS),
                integer(MAX_CONNECTIONS, ListenerSettings.DEFAULT_MAX_CONNECTIONS),
                longValue(MAX_PENDING_BYTES, ListenerSettings.DEFAULT_MAX_PENDING_BYTES),
                duration(WRITE_TIMEOUT, ListenerSettings.DEFAULT_WRITE_TIMEOUT),
                duration(REQUEST_TIMEOUT, ListenerSettings.DEFAULT_REQUEST_TIMEOUT),
                integer(LATENCY_SAMPLE_EVERY, ListenerSettings.DEFAULT_LATENCY_SAMPLE_EVERY),
                tls, clientLimits,
                duration(BARE_SUBSCRIBE_PAUSE, ListenerSettings.DEFAULT_BARE_SUBSCRIBE_PAUSE)));
        activationTimeout = duration(ACTIVATION_TIMEOUT, DEFAULT_ACTIVATION_TIMEOUT);
        host = string(HOST).orElse("127.0.0.1");
        authMaxFailures = integer(AUTH_MAX_FAILURES, DEFAULT_AUTH_MAX_FAILURES);
        if (authMaxFailures < 1) {
            throw new IllegalArgumentException(AUTH_MAX_FAILURES + " must be at least 1, was " + authMaxFailures);
        }
        authFailureWindow = duration(AUTH_FAILURE_WINDOW, DEFAULT_AUTH_FAILURE_WINDOW);
        authCacheTtl = duration(AUTH_CACHE_TTL, DEFAULT_AUTH_CACHE_TTL);
        readCluster();
        sseHeartbeat = duration(SSE_HEARTBEAT, DEFAULT_SSE_HEARTBEAT);
        if (sseHeartbeat.isZero() || sseHeartbeat.isNegative()) {
            throw new IllegalArgumentException(SSE_HEARTBEAT + " must be positive, was " + sseHeartbeat);
        }
        sseMaxStreams = integer(SSE_MAX_STREAMS, DEFAULT_SSE_MAX_STREAMS);
        if (sseMaxStreams < 1) {
            throw new IllegalArgumentException(SSE_MAX_STREAMS + " must be at least 1, was " + sseMaxStreams);
        }
        authCacheSize = integer(AUTH_CACHE_SIZE, DEFAULT_AUTH_CACHE_SIZE);
        if (authCacheSize < 1) {
            throw new IllegalArgumentException(AUTH_CACHE_SIZE + " must be at least 1, was " + authCacheSize);
        }
        String store = string(IDENTITY_STORE).orElse("none");
        try {
            identityStore = UserDirectory.IdentityStore.valueOf(store.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(IDENTITY_STORE + " must be none or server, was '" + store + "'", e);
        }
        maxSubscriptionsPerConnection = integer(MAX_SUBSCRIPTIONS_PER_CONNECTION, DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION);
        if (maxSubscriptionsPerConnection < 1) {
            throw new IllegalArgumentException(MAX_SUBSCRIPTIONS_PER_CONNECTION + " must be at least 1, was "
                    + maxSubscriptionsPerConnection);
        }
        maxSubscriptions = integer(MAX_SUBSCRIPTIONS, DEFAULT_MAX_SUBSCRIPTIONS);
        if (maxSubscriptions < 1) {
            throw new IllegalArgumentException(MAX_SUBSCRIPTIONS + " must be at least 1, was " + maxSubscriptions);
        }
        anonymousNetworks = isSet(ANONYMOUS_NETWORKS)
                ? list(ANONYMOUS_NETWORKS).stream().map(text -> Network.parse(ANONYMOUS_NETWORKS, text)).toList()
                : Network.LOOPBACK;
        httpAllowedOrigins = list(HTTP_ALLOWED_ORIGINS);
    }

    /** Subscriptions of all clients together (TCP, SSE, in-server listeners). */
    public int maxSubscriptions() {
        return maxSubscriptions;
    }

    /** Where anonymous clients may connect from, when anonymous access follows the networks. */
    public List<Network> anonymousNetworks() {
        return anonymousNetworks;
    }

    /** Origins besides the gateway's own whose pages may publish through it ({@code Origin} header values). */
    public List<String> httpAllowedOrigins() {
        return httpAllowedOrigins;
    }

    /** Distinct events one connection may subscribe to. */
    public int maxSubscriptionsPerConnection() {
        return maxSubscriptionsPerConnection;
    }

    /** Denied requests from one address within {@link #authFailureWindow()} before it is throttled. */
    public int authMaxFailures() {
        return authMaxFailures;
    }

    public Duration authFailureWindow() {
        return authFailureWindow;
    }

    /** How long a password that passed a slow check is trusted without checking it again; 0 disables. */
    public Duration authCacheTtl() {
        return authCacheTtl;
    }

    private void readCluster() {
        clusterEnabled = flag(CLUSTER_ENABLED, false);
        clusterNode = string(CLUSTER_NODE).orElseGet(() -> defaultNodeName(string("eventlite.port").orElse("34343")));
        clusterConnectionFactory = string(CLUSTER_CONNECTION_FACTORY).orElse("jms/eventlite/cluster");
        clusterTopic = string(CLUSTER_TOPIC).orElse("jms/eventlite/events");
        clusterArtemisUrl = string(CLUSTER_ARTEMIS_URL);
        clusterArtemisAddress = string(CLUSTER_ARTEMIS_ADDRESS).orElse("eventlite.events");
        clusterUser = string(CLUSTER_USER).orElse("eventlite-member");
        clusterMaxPendingEvents = atLeastOne(CLUSTER_MAX_PENDING, integer(CLUSTER_MAX_PENDING, 100_000));
        clusterMaxPendingBytes = longValue(CLUSTER_MAX_PENDING_BYTES, 64L * 1024 * 1024);
        if (clusterMaxPendingBytes < 1) {
            throw new IllegalArgumentException(CLUSTER_MAX_PENDING_BYTES + " must be at least 1, was "
                    + clusterMaxPendingBytes);
        }
        clusterBatchMaxEvents = atLeastOne(CLUSTER_BATCH_MAX_EVENTS, integer(CLUSTER_BATCH_MAX_EVENTS, 1000));
        clusterBatchMaxBytes = atLeastOne(CLUSTER_BATCH_MAX_BYTES, integer(CLUSTER_BATCH_MAX_BYTES, 256 * 1024));
        clusterBatchLinger = duration(CLUSTER_BATCH_LINGER, Duration.ofMillis(1));
        clusterReadyWhileLinkDown = flag(CLUSTER_READY_WHILE_LINK_DOWN, false);
        clusterRetryInterval = duration(CLUSTER_RETRY_INTERVAL, Duration.ofSeconds(2));
    }

    /** The host name (a pod's name under Kubernetes) and the listener port: unique per server. */
    private static String defaultNodeName(String port) {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + ":" + port;
        } catch (java.net.UnknownHostException e) {
            return "eventlite:" + port;
        }
    }

    public boolean clusterEnabled() {
        return clusterEnabled;
    }

    /** This server's name in the cluster, carried by every event it forwards. */
    public String clusterNode() {
        return clusterNode;
    }

    public String clusterConnectionFactory() {
        return clusterConnectionFactory;
    }

    public String clusterTopic() {
        return clusterTopic;
    }

    /** An Artemis connection URL: the link then connects to Artemis itself instead of looking up JNDI resources. */
    public Optional<String> clusterArtemisUrl() {
        return clusterArtemisUrl;
    }

    /** The Artemis address (a multicast topic) events cross on. */
    public String clusterArtemisAddress() {
        return clusterArtemisAddress;
    }

    public String clusterUser() {
        return clusterUser;
    }

    /** Read when needed and never kept, so that it appears in no object a heap dump or a log might show. */
    public Optional<String> clusterPassword() {
        return string(CLUSTER_PASSWORD);
    }

    public int clusterMaxPendingEvents() {
        return clusterMaxPendingEvents;
    }

    public Duration clusterRetryInterval() {
        return clusterRetryInterval;
    }

    /** Bytes of events waiting for the cluster link at most, beside {@link #clusterMaxPendingEvents()}. */
    public long clusterMaxPendingBytes() {
        return clusterMaxPendingBytes;
    }

    /** Events in one cluster message at most. */
    public int clusterBatchMaxEvents() {
        return clusterBatchMaxEvents;
    }

    /** Bytes of events in one cluster message at most; a larger event goes alone. */
    public int clusterBatchMaxBytes() {
        return clusterBatchMaxBytes;
    }

    /** How long a cluster message waits for more events once it has one; zero sends what is queued. */
    public Duration clusterBatchLinger() {
        return clusterBatchLinger;
    }

    /** Whether this server stays ready, serving its own clients, while its cluster link is down. */
    public boolean clusterReadyWhileLinkDown() {
        return clusterReadyWhileLinkDown;
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /** Server-Sent Events streams open at most, all clients together. */
    public int sseMaxStreams() {
        return sseMaxStreams;
    }

    /** How often an idle Server-Sent Events stream gets a comment line. */
    public Duration sseHeartbeat() {
        return sseHeartbeat;
    }

    public int authCacheSize() {
        return authCacheSize;
    }

    public UserDirectory.IdentityStore identityStore() {
        return identityStore;
    }

    public ListenerSettings listenerSettings() {
        return listenerSettings;
    }

    public Duration activationTimeout() {
        return activationTimeout;
    }

    /** The listener's configured host, for the loopback rule of anonymous access. */
    public String host() {
        return host;
    }

    /**
     * Whether the setting is given at all, even empty. MicroProfile Config reports an empty
     * value as missing; for a permission list, empty must mean "nothing", not the default.
     */
    public boolean isSet(String name) {
        return config.getConfigValue(name).getRawValue() != null;
    }

    public Optional<String> string(String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean flag(String name, boolean fallback) {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return fallback;
        }
        if (!text.get().equals("true") && !text.get().equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, was '" + text.get() + "'");
        }
        return Boolean.parseBoolean(text.get());
    }

    /** Every setting name the configuration knows, for settings keyed by a user or group name. */
    public Iterable<String> propertyNames() {
        return config.getPropertyNames();
    }

    public List<String> list(String name) {
        return string(name).map(s -> List.of(s.split("\\s*,\\s*"))).orElse(List.of());
    }

    private int integer(String name, int fallback) {
        return (int) number(name, fallback, Integer::parseInt);
    }

    private long longValue(String name, long fallback) {
        return number(name, fallback, Long::parseLong);
    }

    private long number(String name, long fallback, java.util.function.ToLongFunction<String> parser) {
        Optional<String> text = string(name);
        try {
            return text.isPresent() ? parser.applyAsLong(text.get()) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text.get() + "'", e);
        }
    }

    private Duration duration(String name, Duration fallback) {
        return string(name).map(text -> Durations.parse(name, text)).orElse(fallback);
    }
}
