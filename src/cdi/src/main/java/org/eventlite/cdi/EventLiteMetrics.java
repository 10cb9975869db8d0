package org.eventlite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eventlite.api.EventDispatcher;
import org.eventlite.cdi.broker.RequestDenied;
import org.eventlite.cdi.broker.SubscriptionRegistry;
import org.eventlite.cdi.cluster.ClusterBridge;
import org.eventlite.connector.api.ListenerCounters;
import org.eventlite.connector.api.ListenerStatus;

/**
 * The broker's figures: counted here as they happen (published, delivered, denied, and the TCP
 * listener's bytes, refused requests and slow consumers through {@link #listenerCounters()}) or
 * read from the listener (open connections), and registered with MicroProfile Metrics when the
 * server has it, which serves them at {@code /metrics} in Prometheus format: running totals as
 * counters. Without mpMetrics the totals
 * are still kept, for the dashboard. Counting is a {@link LongAdder} and the
 * registry's counter: cheap enough for the I/O threads.
 */
@ApplicationScoped
public class EventLiteMetrics {

    private static final Logger LOG = Logger.getLogger(EventLiteMetrics.class.getName());
    static final String LATENCY = "eventlite.publish.to.deliver";

    /** The registry's counter once registered; nothing before, or in a server without MicroProfile Metrics. */
    private static final class Mirror {
        private volatile Counter counter;

        void add(long n) {
            Counter registered = counter;
            if (registered != null) {
                registered.inc(n);
            }
        }
    }

    /** A total kept here, for the dashboard, and mirrored into a registry counter. */
    public static final class Tally {
        private final LongAdder total = new LongAdder();
        private final Mirror mirror = new Mirror();

        public void add(long n) {
            total.add(n);
            mirror.add(n);
        }

        public long total() {
            return total.sum();
        }
    }

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    SubscriptionRegistry subscriptions;

    @Inject
    ListenerLifecycle state;

    @Inject
    ClusterBridge cluster;

    private final Tally published = new Tally();
    private final Tally delivered = new Tally();
    private final Tally deniedPublish = new Tally();
    private final Tally deniedSubscribe = new Tally();
    private final Tally sseSlowConsumers = new Tally();
    /** The listener keeps these totals itself (ListenerStatus): only the registry counts them here. */
    private final Mirror tcpSlowConsumers = new Mirror();
    private final Mirror received = new Mirror();
    private final Mirror sent = new Mirror();
    private final Mirror decodeErrors = new Mirror();
    /** What the TCP listener counts, as it happens, into the registry. */
    private final ListenerCounters listenerCounters = new ListenerCounters() {
        @Override
        public void bytesRead(long count) {
            received.add(count);
        }

        @Override
        public void bytesWritten(long count) {
            sent.add(count);
        }

        @Override
        public void decodeError() {
            decodeErrors.add(1);
        }

        @Override
        public void slowConsumerDisconnected() {
            tcpSlowConsumers.add(1);
        }
    };
    private volatile Timer latency;
    private volatile ListenerStatus listener;
    private boolean registered;

    /** Called on an application thread when the listener is handed its handler. */
    public synchronized void start(ListenerStatus status) {
        listener = status;
        if (registered) {
            return;
        }
        registered = true;
        if (!registries.isResolvable()) {
            LOG.log(Level.INFO, "EventLite: no MicroProfile Metrics in this server (feature mpMetrics-5.1); "
                    + "figures are kept for the dashboard only");
            return;
        }
        MetricRegistry registry = registries.get();
        published.mirror.counter = registry.counter(metadata("eventlite.events.published",
                "Events accepted for broadcast, from TCP, HTTP and EventDispatcher", MetricUnits.NONE));
        delivered.mirror.counter = registry.counter(metadata("eventlite.events.delivered",
                "Event frames queued on subscriber connections (TCP and SSE)", MetricUnits.NONE));
        deniedPublish.mirror.counter = registry.counter(metadata("eventlite.requests.denied",
                "Requests refused by the access decisions", MetricUnits.NONE), new Tag("action", "publish"));
        deniedSubscribe.mirror.counter = registry.counter(metadata("eventlite.requests.denied",
                "Requests refused by the access decisions", MetricUnits.NONE), new Tag("action", "subscribe"));
        Metadata slow = metadata("eventlite.slow.consumer.disconnects",
                "Subscribers dropped for falling behind, TCP connections and SSE streams", MetricUnits.NONE);
        tcpSlowConsumers.counter = registry.counter(slow, new Tag("transport", "tcp"));
        sseSlowConsumers.mirror.counter = registry.counter(slow, new Tag("transport", "sse"));
        received.counter = registry.counter(metadata("eventlite.received",
                "Bytes read from TCP clients (with TLS: the protocol's bytes)", MetricUnits.BYTES));
        sent.counter = registry.counter(metadata("eventlite.sent",
                "Bytes written to TCP clients (with TLS: the protocol's bytes)", MetricUnits.BYTES));
        decodeErrors.counter = registry.counter(metadata("eventlite.decode.errors",
                "Malformed or oversized requests refused", MetricUnits.NONE));
        latency = registry.timer(metadata(LATENCY,
                "Age of the oldest event of each write batch when the batch is on the subscriber's socket",
                MetricUnits.SECONDS));
        gauge(registry, "eventlite.connections.open", "Open TCP connections", MetricUnits.NONE,
                ListenerStatus::openConnections);
        registry.gauge(metadata("eventlite.subscriptions", "Subscriptions held by TCP and SSE clients",
                MetricUnits.NONE), subscriptions, SubscriptionRegistry::subscriptionCount);
        registry.gauge(metadata("eventlite.listener.listening", "1 while the TCP listener accepts clients, else 0",
                MetricUnits.NONE), state, listener -> listener.phase() == ListenerLifecycle.Phase.LISTENING ? 1 : 0);
        if (cluster.enabled()) {
            registry.gauge(metadata("eventlite.cluster.link.up",
                    "1 while the cluster link exchanges events with the other servers, else 0", MetricUnits.NONE),
                    cluster, link -> link.up() ? 1 : 0);
        }
    }

    private void gauge(MetricRegistry registry, String name, String description, String unit,
            ToLongFunction<ListenerStatus> figure) {
        registry.gauge(metadata(name, description, unit), this, metrics -> {
            ListenerStatus status = metrics.listener;
            return status == null ? 0L : figure.applyAsLong(status);
        });
    }

    private static Metadata metadata(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    public Tally published() {
        return published;
    }

    public Tally delivered() {
        return delivered;
    }

    public Tally denied(RequestDenied.Action action) {
        return action == RequestDenied.Action.PUBLISH ? deniedPublish : deniedSubscribe;
    }

    public Tally sseSlowConsumers() {
        return sseSlowConsumers;
    }

    /** For the TCP listener: its traffic, refused requests and slow consumers, counted as they happen. */
    public ListenerCounters listenerCounters() {
        return listenerCounters;
    }

    /** One publish-to-deliver sample. */
    public void eventsWritten(long oldestEventAgeNanos) {
        Timer timer = latency;
        if (timer != null) {
            timer.update(Duration.ofNanos(oldestEventAgeNanos));
        }
    }

    /** The listener's figures, for the dashboard; empty before it starts. */
    public java.util.Optional<ListenerStatus> listener() {
        return java.util.Optional.ofNullable(listener);
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}; for the write path (one sample per flush). */
    public Unproxied<EventLiteMetrics> unproxied() {
        return new Unproxied<>(this);
    }
}
