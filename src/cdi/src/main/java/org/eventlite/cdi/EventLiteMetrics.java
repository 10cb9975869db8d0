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
import org.eventlite.connector.api.ListenerStatus;

/**
 * The broker's figures: counted here (published, delivered, denied) or read
 * from the listener (connections, bytes, decode errors, slow consumers), and
 * registered with MicroProfile Metrics when the server has it, which serves
 * them at {@code /metrics} in Prometheus format. Without mpMetrics the totals
 * are still kept, for the dashboard. Counting is a {@link LongAdder} (and the
 * registry's counter): cheap enough for the I/O threads.
 */
@ApplicationScoped
public class EventLiteMetrics {

    private static final Logger LOG = Logger.getLogger(EventLiteMetrics.class.getName());
    static final String LATENCY = "eventlite.publish.to.deliver";

    /** A total kept here, mirrored into a registry counter when there is one. */
    public static final class Tally {
        private final LongAdder total = new LongAdder();
        private volatile Counter counter;

        public void add(long n) {
            total.add(n);
            Counter mirror = counter;
            if (mirror != null) {
                mirror.inc(n);
            }
        }

        public long total() {
            return total.sum();
        }
    }

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    SubscriptionRegistry subscriptions;

    private final Tally published = new Tally();
    private final Tally delivered = new Tally();
    private final Tally deniedPublish = new Tally();
    private final Tally deniedSubscribe = new Tally();
    private final Tally sseSlowConsumers = new Tally();
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
        published.counter = registry.counter(metadata("eventlite.events.published",
                "Events accepted for broadcast, from TCP, HTTP and EventDispatcher", MetricUnits.NONE));
        delivered.counter = registry.counter(metadata("eventlite.events.delivered",
                "Event frames queued on subscriber connections (TCP and SSE)", MetricUnits.NONE));
        deniedPublish.counter = registry.counter(metadata("eventlite.requests.denied",
                "Requests refused by the access decisions", MetricUnits.NONE), new Tag("action", "publish"));
        deniedSubscribe.counter = registry.counter(metadata("eventlite.requests.denied",
                "Requests refused by the access decisions", MetricUnits.NONE), new Tag("action", "subscribe"));
        sseSlowConsumers.counter = registry.counter(metadata("eventlite.sse.slow.consumer.disconnects",
                "Server-Sent Events clients dropped for falling behind", MetricUnits.NONE));
        latency = registry.timer(metadata(LATENCY,
                "Age of the oldest event of each write batch when the batch is on the subscriber's socket",
                MetricUnits.SECONDS));
        gauge(registry, "eventlite.connections.open", "Open TCP connections", MetricUnits.NONE,
                ListenerStatus::openConnections);
        gauge(registry, "eventlite.bytes.read", "Bytes read from TCP clients since start (a running total)",
                MetricUnits.BYTES, ListenerStatus::bytesRead);
        gauge(registry, "eventlite.bytes.written", "Bytes written to TCP clients since start (a running total)",
                MetricUnits.BYTES, ListenerStatus::bytesWritten);
        gauge(registry, "eventlite.decode.errors", "Malformed or oversized requests since start (a running total)",
                MetricUnits.NONE, ListenerStatus::decodeErrors);
        gauge(registry, "eventlite.slow.consumer.disconnects",
                "TCP subscribers dropped for falling behind since start (a running total)", MetricUnits.NONE,
                ListenerStatus::slowConsumerDisconnects);
        registry.gauge(metadata("eventlite.subscriptions", "Subscriptions held by TCP and SSE clients",
                MetricUnits.NONE), subscriptions, SubscriptionRegistry::subscriptionCount);
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
