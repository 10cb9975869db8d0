package org.eventlite.cdi;

import static org.eventlite.cdi.Setting.Kind.ADDRESS;
import static org.eventlite.cdi.Setting.Kind.PER_NAME;
import static org.eventlite.cdi.Setting.Kind.SECRET;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eventlite.cdi.access.AnonymousAccess;
import org.eventlite.cdi.access.Network;
import org.eventlite.cdi.access.UserDirectory;
import org.eventlite.connector.api.ClientLimits;
import org.eventlite.connector.api.ListenerSettings;
import org.eventlite.protocol.DecoderLimits;

/**
 * The catalogue of every EventLite setting: key, parser, default and documentation, in the order
 * of docs/configuration.md's table, which is made from it (SettingsDocumentedTest compares them,
 * and server.xml's settingsRevision, with this list). Code reads settings only through these
 * entries ({@link EventLiteConfig#value}).
 */
public final class Settings {

    private Settings() {
    }

    public static final Setting<String> HOST = Setting.text("eventlite.host", "127.0.0.1").kind(ADDRESS)
            .documented("`127.0.0.1`", "listening address; `0.0.0.0` for all interfaces");
    public static final Setting<Integer> PORT = Setting.integer("eventlite.port", 34343).kind(ADDRESS)
            .documented("`34343`", "listening TCP port");

    // ---- the listener: requests, connections, slow consumers (records of the connector check them) ----

    public static final Setting<Integer> MAX_EVENT_BYTES = Setting.integer("eventlite.max-event-bytes",
            DecoderLimits.DEFAULT_MAX_EVENT_BYTES).component("maxEventBytes")
            .documented("`1048576` (1 MiB)", "largest event, in JSON bytes as delivered (the `\"event\"` member the"
                    + " server adds counts): exactly the limit passes, one more fails, and every client configured"
                    + " with the same limit reads every event");
    public static final Setting<Integer> MAX_REQUEST_LINE_BYTES = Setting.integer("eventlite.max-request-line-bytes",
            DecoderLimits.DEFAULT_MAX_REQUEST_LINE_BYTES).component("maxRequestLineBytes")
            .documented("`4096`", "longest request line, terminator excluded");
    public static final Setting<Integer> MAX_EVENT_NAME_BYTES = Setting.integer("eventlite.max-event-name-bytes",
            DecoderLimits.DEFAULT_MAX_EVENT_NAME_BYTES).component("maxEventNameBytes")
            .documented("`255`", "longest event name");
    public static final Setting<Integer> MAX_EVENT_NAME_TOKENS = Setting.integer("eventlite.max-event-name-tokens",
            DecoderLimits.DEFAULT_MAX_EVENT_NAME_TOKENS).component("maxEventNameTokens")
            .documented("`16`", "most dot-separated tokens in an event name or pattern");
    public static final Setting<Duration> LINE_GRACE_PERIOD = Setting.duration("eventlite.line-grace-period",
            ListenerSettings.DEFAULT_LINE_GRACE_PERIOD).component("lineGracePeriod")
            .documented("`50ms`", "silence after which an unterminated `subscribe/<event>:<user>\\|<password>` line"
                    + " is complete");
    public static final Setting<Duration> BARE_SUBSCRIBE_PAUSE = Setting.duration("eventlite.bare-subscribe-pause",
            ListenerSettings.DEFAULT_BARE_SUBSCRIBE_PAUSE).component("bareSubscribePause")
            .documented("`50ms`", "after the `ok` to a subscribe line without terminator, how long that"
                    + " connection's frames wait, so that a 2008 Perl subscriber reads its `ok` alone");
    public static final Setting<Integer> IO_THREADS = Setting.integer("eventlite.io-threads",
            () -> ListenerSettings.DEFAULT_IO_THREADS).component("ioThreads")
            .documented("half the cores, at least 1", "network I/O loops (WorkManager threads); each loop's socket"
                    + " writes also run the kernel's TCP work on its core");
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("eventlite.max-connections",
            ListenerSettings.DEFAULT_MAX_CONNECTIONS).component("maxConnections")
            .documented("`10000`", "open connections at most");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.integer(
            "eventlite.max-connections-per-address", ClientLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS)
            .component("maxConnectionsPerAddress")
            .documented("`1000`", "open connections from one client address at most (behind a proxy or NAT that"
                    + " shows every client as one address, raise it)");
    public static final Setting<Duration> FIRST_REQUEST_TIMEOUT = Setting.duration("eventlite.first-request-timeout",
            ClientLimits.DEFAULT_FIRST_REQUEST_TIMEOUT).component("firstRequestTimeout")
            .documented("`10s`", "how long a new connection (its TLS handshake included) may take to complete its"
                    + " first request; then `-ERR idle-timeout` and close");
    public static final Setting<Integer> LATENCY_SAMPLE_EVERY = Setting.integer(
            "eventlite.metrics.latency-sample-every", ListenerSettings.DEFAULT_LATENCY_SAMPLE_EVERY)
            .component("latencySampleEvery")
            .documented("`16`", "write batches per publish-to-deliver latency sample on each I/O loop; `1` samples"
                    + " every batch");
    public static final Setting<Integer> MAX_SUBSCRIPTIONS_PER_CONNECTION = Setting.integer(
            "eventlite.max-subscriptions-per-connection", 100).requiring(value -> value >= 1, "at least 1")
            .documented("`100`", "distinct events one connection may subscribe to; one more gets"
                    + " `-ERR too-many-subscriptions` and a close");
    /** Under 1 KiB each for 255-byte names and patterns (docs/security.md): under 100 MB at the limit. */
    public static final Setting<Integer> MAX_SUBSCRIPTIONS = Setting.integer("eventlite.max-subscriptions", 100_000)
            .requiring(value -> value >= 1, "at least 1")
            .documented("`100000`", "subscriptions of all clients together (TCP and SSE); one more gets"
                    + " `-ERR server-subscription-limit` (HTTP 400)");
    public static final Setting<Long> MAX_PENDING_BYTES = Setting.bytes("eventlite.subscriber.max-pending-bytes",
            () -> ListenerSettings.DEFAULT_MAX_PENDING_BYTES).component("maxPendingBytes")
            .documented("`33554432` (32 MiB)", "hard limit: bytes queued for one connection before it is dropped at"
                    + " once as a slow consumer");
    public static final Setting<Long> SOFT_PENDING_BYTES = Setting.bytes("eventlite.subscriber.soft-pending-bytes",
            () -> ClientLimits.DEFAULT_SOFT_PENDING_BYTES).component("softPendingBytes")
            .documented("`8388608` (8 MiB)", "soft limit: a connection may stay above it for `soft-pending-time`"
                    + " only; an SSE stream is dropped as soon as it passes it");
    public static final Setting<Duration> SOFT_PENDING_TIME = Setting.duration("eventlite.subscriber.soft-pending-time",
            ClientLimits.DEFAULT_SOFT_PENDING_TIME).component("softPendingTime")
            .documented("`10s`", "how long a connection may stay above the soft limit");
    public static final Setting<Long> REQUEST_BODY_BUDGET = Setting.bytes("eventlite.budget.request-body-bytes",
            () -> ClientLimits.DEFAULT_REQUEST_BODY_BUDGET_BYTES).component("requestBodyBudgetBytes")
            .documented("a quarter of the heap", "heap all unfinished publish bodies may hold together; a body that"
                    + " needs more gets `-ERR server-busy`");
    public static final Setting<Long> OUTBOUND_BUDGET = Setting.bytes("eventlite.budget.outbound-bytes",
            () -> ClientLimits.DEFAULT_OUTBOUND_BUDGET_BYTES).component("outboundBudgetBytes")
            .documented("a quarter of the heap", "bytes of the event frames queued for any connection (a frame is"
                    + " one array however many subscribers it waits for, so it counts once); past it, subscribers"
                    + " above the soft limit are dropped at once");
    public static final Setting<Duration> WRITE_TIMEOUT = Setting.duration("eventlite.subscriber.write-timeout",
            ListenerSettings.DEFAULT_WRITE_TIMEOUT).component("writeTimeout")
            .documented("`10s`", "how long queued bytes may make no progress before the connection is dropped as a"
                    + " slow consumer");
    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.duration("eventlite.request-timeout",
            ListenerSettings.DEFAULT_REQUEST_TIMEOUT).component("requestTimeout")
            .documented("`10s`", "how long a begun request may take to complete (half a line, a publish body that"
                    + " stops); then `-ERR request-timeout` and close");

    // ---- access ----

    public static final Setting<Integer> AUTH_MAX_FAILURES = Setting.integer("eventlite.auth.max-failures", 10)
            .requiring(value -> value >= 1, "at least 1")
            .documented("`10`", "denied requests from one address within the window before that address is"
                    + " refused outright");
    public static final Setting<Duration> AUTH_FAILURE_WINDOW = Setting.duration("eventlite.auth.failure-window",
            Duration.ofMinutes(1)).requiring(value -> value.toNanos() > 0, "positive")
            .documented("`1m`", "the window of `eventlite.auth.max-failures`; a throttled address is admitted again"
                    + " once it has passed");
    public static final Setting<AnonymousAccess> ANONYMOUS_ACCESS = Setting.choice("eventlite.anonymous-access",
            AnonymousAccess.class, AnonymousAccess.NETWORKS).parser(AnonymousAccess::parse)
            .documented("`networks`", "anonymous clients (empty user name), decided per client from its address"
                    + " (TCP, HTTP, SSE): `networks` admits them from `eventlite.anonymous.networks` only (`loopback`"
                    + " is the older name of this mode); `always`; `never`");
    public static final Setting<List<Network>> ANONYMOUS_NETWORKS = Setting.listOf("eventlite.anonymous.networks",
            Network::parse, Network.LOOPBACK)
            .documented("`127.0.0.0/8,::1/128`", "address blocks (CIDR) whose clients may be anonymous; behind a"
                    + " reverse proxy see docs/security.md (`<remoteIp>`)");
    public static final Setting<List<String>> ANONYMOUS_PUBLISH = Setting.list("eventlite.anonymous.publish",
            List.of(">"))
            .documented("`>` (all)", "what admitted anonymous clients may publish: comma-separated names or"
                    + " patterns; set and empty means nothing");
    public static final Setting<List<String>> ANONYMOUS_SUBSCRIBE = Setting.list("eventlite.anonymous.subscribe",
            List.of(">"))
            .documented("`>` (all)", "what admitted anonymous clients may subscribe to: comma-separated names or"
                    + " patterns; set and empty means nothing");
    public static final Setting<Boolean> ANONYMOUS_MONITOR = Setting.flag("eventlite.anonymous.monitor", true)
            .documented("`true`", "whether admitted anonymous clients may read `/eventlite/api/stats` (subscriber"
                    + " addresses and subscription names)");
    public static final Setting<List<String>> USERS = Setting.list("eventlite.users", List.of())
            .documented("none", "comma-separated names of the users kept in EventLite's configuration");
    public static final Setting<Optional<String>> USER_PASSWORD_HASH = Setting.optionalText(
            "eventlite.user.<name>.password-hash").kind(PER_NAME)
            .documented("required per configured user", "`pbkdf2-sha256:...`, from `eventlite hash-password`;"
                    + " plain-text passwords are refused");
    public static final Setting<List<String>> USER_PUBLISH = Setting.list("eventlite.user.<name>.publish", List.of())
            .kind(PER_NAME)
            .documented("nothing", "comma-separated event names or patterns the user may publish; `!pattern` denies"
                    + " and wins");
    public static final Setting<List<String>> USER_SUBSCRIBE = Setting.list("eventlite.user.<name>.subscribe",
            List.of()).kind(PER_NAME)
            .documented("nothing", "comma-separated event names or patterns the user may subscribe to; `!pattern`"
                    + " denies and wins");
    public static final Setting<List<String>> USER_GROUPS = Setting.list("eventlite.user.<name>.groups", List.of())
            .kind(PER_NAME)
            .documented("none", "groups of a configured user (registry users get theirs from the registry)");
    public static final Setting<Boolean> USER_MONITOR = Setting.flag("eventlite.user.<name>.monitor", false)
            .kind(PER_NAME)
            .documented("`false`", "`true`: the user may read `/eventlite/api/stats`");
    public static final Setting<List<String>> GROUP_PUBLISH = Setting.list("eventlite.group.<group>.publish",
            List.of()).kind(PER_NAME)
            .documented("nothing", "what every member of the group may publish, added to the user's own");
    public static final Setting<List<String>> GROUP_SUBSCRIBE = Setting.list("eventlite.group.<group>.subscribe",
            List.of()).kind(PER_NAME)
            .documented("nothing", "what every member of the group may subscribe to, added to the user's own");
    public static final Setting<Boolean> GROUP_MONITOR = Setting.flag("eventlite.group.<group>.monitor", false)
            .kind(PER_NAME)
            .documented("`false`", "`true`: every member of the group may read `/eventlite/api/stats`");
    public static final Setting<UserDirectory.IdentityStore> IDENTITY_STORE = Setting.choice(
            "eventlite.identity-store", UserDirectory.IdentityStore.class, UserDirectory.IdentityStore.NONE)
            .documented("`none`", "`server`: users not in `eventlite.users` are checked against Liberty's user"
                    + " registry (needs `appSecurity-5.0` and a `basicRegistry` or `ldapRegistry`)");
    public static final Setting<Duration> AUTH_CACHE_TTL = Setting.duration("eventlite.auth.cache-ttl",
            Duration.ofMinutes(5))
            .documented("`5m`", "how long a password that passed is trusted without a new check; `0s` checks every"
                    + " request");
    public static final Setting<Integer> AUTH_CACHE_SIZE = Setting.integer("eventlite.auth.cache-size", 10_000)
            .requiring(value -> value >= 1, "at least 1")
            .documented("`10000`", "users remembered at most; past it the memory starts over");

    // ---- TLS, HTTP, start-up ----

    public static final Setting<Optional<Integer>> TLS_PORT = Setting.optionalPort("eventlite.tls.port")
            .documented("none (no TLS listener)", "port of the optional TLS listener, on `eventlite.host`; same"
                    + " protocol inside TLS ([tls.md](tls.md))");
    public static final Setting<String> TLS_SSL_REF = Setting.text("eventlite.tls.ssl-ref", "defaultSSLConfig")
            .documented("`defaultSSLConfig`", "the Liberty `<ssl>` element whose key store, trust store,"
                    + " `clientAuthentication` and `sslProtocol` the TLS listener uses");
    public static final Setting<Duration> SSE_HEARTBEAT = Setting.duration("eventlite.sse.heartbeat",
            Duration.ofSeconds(15)).requiring(value -> value.toNanos() > 0, "positive")
            .documented("`15s`", "comment line sent on idle Server-Sent Events streams");
    /** Each stream holds a servlet request, its queue and a heartbeat task. */
    public static final Setting<Integer> SSE_MAX_STREAMS = Setting.integer("eventlite.sse.max-streams", 1000)
            .requiring(value -> value >= 1, "at least 1")
            .documented("`1000`", "Server-Sent Events streams open at most, all clients together; one more gets"
                    + " `503` with `too-many-streams`");
    public static final Setting<List<String>> HTTP_ALLOWED_ORIGINS = Setting.list("eventlite.http.allowed-origins",
            List.of())
            .documented("none", "origins (`https://app.example.com`) besides the gateway's own whose web pages may"
                    + " publish through it");
    public static final Setting<Duration> ACTIVATION_TIMEOUT = Setting.duration("eventlite.activation-timeout",
            Duration.ofSeconds(30))
            .documented("`30s`", "after this, an error is logged if no endpoint activated the listener");

    // ---- the cluster link (cluster.md; ClusterSettings checks them together) ----

    public static final Setting<Boolean> CLUSTER_ENABLED = Setting.flag("eventlite.cluster.enabled", false)
            .documented("`false`", "forward events to, and receive them from, the topic");
    public static final Setting<Optional<String>> CLUSTER_NODE = Setting.optionalText("eventlite.cluster.node")
            .documented("host name `:` listener port", "this server's name, carried by its events and shown as"
                    + " their origin elsewhere (a pod's name under Kubernetes)");
    public static final Setting<String> CLUSTER_CONNECTION_FACTORY = Setting.text(
            "eventlite.cluster.connection-factory", "jms/eventlite/cluster")
            .documented("`jms/eventlite/cluster`", "JNDI name of the provider's connection factory");
    public static final Setting<String> CLUSTER_TOPIC = Setting.text("eventlite.cluster.topic", "jms/eventlite/events")
            .documented("`jms/eventlite/events`", "JNDI name of the provider's topic");
    public static final Setting<Integer> CLUSTER_MAX_PENDING_EVENTS = Setting.integer(
            "eventlite.cluster.max-pending-events", 100_000).component("maxPendingEvents")
            .documented("`100000`", "events queued for the topic at most: above half of it (or of"
                    + " `eventlite.cluster.max-pending-bytes`) TCP publishers are not read until it is down to a"
                    + " quarter; past it, events from HTTP and applications are delivered locally only");
    public static final Setting<Long> CLUSTER_MAX_PENDING_BYTES = Setting.bytes("eventlite.cluster.max-pending-bytes",
            () -> 64L * 1024 * 1024).component("maxPendingBytes")
            .documented("`67108864` (64 MiB)", "bytes of the events queued for the topic at most");
    public static final Setting<Integer> CLUSTER_BATCH_MAX_EVENTS = Setting.integer(
            "eventlite.cluster.batch-max-events", 1000).component("batchMaxEvents")
            .documented("`1000`", "events in one message to the topic at most");
    public static final Setting<Integer> CLUSTER_BATCH_MAX_BYTES = Setting.integer("eventlite.cluster.batch-max-bytes",
            256 * 1024).component("batchMaxBytes")
            .documented("`262144` (256 KiB)", "bytes of events in one message to the topic at most; an event larger"
                    + " than this goes alone");
    public static final Setting<Duration> CLUSTER_BATCH_LINGER = Setting.duration("eventlite.cluster.batch-linger",
            Duration.ofMillis(1)).component("batchLinger")
            .documented("`1ms`", "how long a message waits for more events once it has one: at moderate rates it"
                    + " puts several events in a message (Liberty's engine carries a few thousand messages a"
                    + " second), under load the queue fills while the previous message is sent anyway; `0ms` sends"
                    + " what is queued at once");
    public static final Setting<Duration> CLUSTER_RETRY_INTERVAL = Setting.duration("eventlite.cluster.retry-interval",
            Duration.ofSeconds(2)).component("retryInterval")
            .documented("`2s`", "pause between reconnection attempts");
    public static final Setting<Boolean> CLUSTER_READY_WHILE_LINK_DOWN = Setting.flag(
            "eventlite.cluster.ready-while-link-down", false)
            .documented("`false`", "`true`: readiness stays UP while the link is down (the `eventlite-cluster` check"
                    + " still says why, with `readyWhileLinkDown`), so the server keeps taking clients and serves"
                    + " them with its own events only");
    public static final Setting<String> CLUSTER_USER = Setting.text("eventlite.cluster.user", "eventlite-member")
            .documented("`eventlite-member`", "the user the link signs in as, to Liberty's engine (`engine.xml`,"
                    + " `member.xml`) or to Artemis");
    public static final Setting<Optional<String>> CLUSTER_PASSWORD = Setting.optionalText("eventlite.cluster.password")
            .kind(SECRET)
            .documented("none", "that user's password; set it from `EVENTLITE_CLUSTER_PASSWORD` on every member (and"
                    + " the engine's host); a change needs a restart");
    public static final Setting<Optional<String>> CLUSTER_ARTEMIS_URL = Setting.optionalText(
            "eventlite.cluster.artemis-url")
            .documented("none", "an Artemis connection URL (`(tcp://a:61616,tcp://b:61616)?ha=true&reconnectAttempts=5`):"
                    + " the link connects to Artemis with its own client instead of looking up"
                    + " `eventlite.cluster.connection-factory` and `-topic` in JNDI (`liberty/cluster/artemis.xml`)");
    public static final Setting<String> CLUSTER_ARTEMIS_ADDRESS = Setting.text("eventlite.cluster.artemis-address",
            "eventlite.events")
            .documented("`eventlite.events`", "the Artemis address (multicast) events cross on");
    public static final Setting<String> CLUSTER_ENGINE_HOST = Setting.libertyVariable("eventlite.cluster.engine-host")
            .documented("`localhost`", "the interface the engine listens on (`engine.xml`); another one needs TLS"
                    + " (docs/security.md)");
    public static final Setting<String> CLUSTER_JMS_PORT = Setting.libertyVariable("eventlite.cluster.jms-port")
            .documented("`7276`", "the engine's plain port (`engine.xml`)");
    public static final Setting<Optional<String>> CLUSTER_ENGINE = Setting.optionalText("eventlite.cluster.engine")
            .component("engine")
            .documented("none", "`host:port` of Liberty's engine a member connects to (`member.xml`); the link"
                    + " tries to connect only while a plain TCP connection to it succeeds (docs/cluster.md)");

    /** Every setting, in the order of docs/configuration.md. */
    public static final List<Setting<?>> ALL = List.of(HOST, PORT, MAX_EVENT_BYTES, MAX_REQUEST_LINE_BYTES,
            MAX_EVENT_NAME_BYTES, MAX_EVENT_NAME_TOKENS, LINE_GRACE_PERIOD, BARE_SUBSCRIBE_PAUSE, IO_THREADS,
            MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS, FIRST_REQUEST_TIMEOUT, LATENCY_SAMPLE_EVERY,
            MAX_SUBSCRIPTIONS_PER_CONNECTION, MAX_SUBSCRIPTIONS, MAX_PENDING_BYTES, SOFT_PENDING_BYTES,
            SOFT_PENDING_TIME, REQUEST_BODY_BUDGET, OUTBOUND_BUDGET, WRITE_TIMEOUT, REQUEST_TIMEOUT,
            AUTH_MAX_FAILURES, AUTH_FAILURE_WINDOW, ANONYMOUS_ACCESS, ANONYMOUS_NETWORKS, ANONYMOUS_PUBLISH,
            ANONYMOUS_SUBSCRIBE, ANONYMOUS_MONITOR, USERS, USER_PASSWORD_HASH, USER_PUBLISH, USER_SUBSCRIBE,
            USER_GROUPS, USER_MONITOR, GROUP_PUBLISH, GROUP_SUBSCRIBE, GROUP_MONITOR, IDENTITY_STORE,
            AUTH_CACHE_TTL, AUTH_CACHE_SIZE, TLS_PORT, TLS_SSL_REF, SSE_HEARTBEAT, SSE_MAX_STREAMS,
            HTTP_ALLOWED_ORIGINS, ACTIVATION_TIMEOUT, CLUSTER_ENABLED, CLUSTER_NODE, CLUSTER_CONNECTION_FACTORY,
            CLUSTER_TOPIC, CLUSTER_MAX_PENDING_EVENTS, CLUSTER_MAX_PENDING_BYTES, CLUSTER_BATCH_MAX_EVENTS,
            CLUSTER_BATCH_MAX_BYTES, CLUSTER_BATCH_LINGER, CLUSTER_RETRY_INTERVAL, CLUSTER_READY_WHILE_LINK_DOWN,
            CLUSTER_USER, CLUSTER_PASSWORD, CLUSTER_ARTEMIS_URL, CLUSTER_ARTEMIS_ADDRESS, CLUSTER_ENGINE_HOST,
            CLUSTER_JMS_PORT, CLUSTER_ENGINE);

    /** The settings the connector's records (DecoderLimits, ClientLimits, ListenerSettings) check. */
    static final List<Setting<?>> LISTENER = List.of(MAX_EVENT_BYTES, MAX_REQUEST_LINE_BYTES, MAX_EVENT_NAME_BYTES,
            MAX_EVENT_NAME_TOKENS, LINE_GRACE_PERIOD, BARE_SUBSCRIBE_PAUSE, IO_THREADS, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_ADDRESS, FIRST_REQUEST_TIMEOUT, LATENCY_SAMPLE_EVERY, MAX_PENDING_BYTES,
            SOFT_PENDING_BYTES, SOFT_PENDING_TIME, REQUEST_BODY_BUDGET, OUTBOUND_BUDGET, WRITE_TIMEOUT,
            REQUEST_TIMEOUT);

    /** The settings ClusterSettings checks. */
    static final List<Setting<?>> CLUSTER = List.of(CLUSTER_MAX_PENDING_EVENTS, CLUSTER_MAX_PENDING_BYTES,
            CLUSTER_BATCH_MAX_EVENTS, CLUSTER_BATCH_MAX_BYTES, CLUSTER_BATCH_LINGER, CLUSTER_RETRY_INTERVAL,
            CLUSTER_ENGINE);
}
