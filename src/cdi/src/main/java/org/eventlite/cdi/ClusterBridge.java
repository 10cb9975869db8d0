package org.eventlite.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.api.EventDispatcher;
import org.eventlite.api.EventOrigin;
import org.eventlite.protocol.EventJson;

/**
 * Makes several servers one broadcast domain through a Jakarta Messaging topic
 * (Liberty's messaging engine, or IBM MQ, ActiveMQ Artemis: whatever the
 * connection factory points at). Off unless {@code eventlite.cluster.enabled}.
 *
 * <p>Every event accepted here (TCP, HTTP, {@code EventDispatcher}) is queued for
 * one sender thread, which publishes it non-persistently with this server's
 * name; one receiver thread takes the other servers' events and delivers them
 * like local ones, with an origin naming their server. Our own come back too
 * and are skipped by name: a message selector would do it in the engine, but
 * Liberty's engine evaluates {@code <>} selectors by parsing each bytes body as
 * XML, which capped the link at a few hundred events per second. One thread each way keeps every publisher's order. While the
 * link is down, events are delivered locally only: the others are dropped,
 * counted and logged, never replayed (at most once, like the rest).
 */
@ApplicationScoped
public class ClusterBridge {

    private static final Logger LOG = Logger.getLogger(ClusterBridge.class.getName());
    static final String NODE_PROPERTY = "eventliteNode";
    static final String EVENT_PROPERTY = "eventliteEvent";
    static final String USER_PROPERTY = "eventliteUser";

    record Outgoing(String name, byte[] json, String user) {
    }

    @Inject
    EventLiteConfig config;

    @Inject
    ApplicationExecutor executor;

    @Inject
    Broadcaster broadcaster;

    final LongAdder forwarded = new LongAdder();
    final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    BlockingQueue<Outgoing> outgoing;
    volatile boolean running;
    volatile boolean senderUp;
    volatile boolean receiverUp;
    private volatile String downReason = "connecting";
    /** When each recent reason for the link being down was last logged. */
    private final Map<String, Long> reasonsLogged = new ConcurrentHashMap<>();
    private static final long RELOG_NANOS = TimeUnit.MINUTES.toNanos(1);
    /**
     * Counts the receiver's lost connections. An idle sender learns of a broken link only
     * when it next sends, and would lose that event; so it reconnects when this moves.
     */
    volatile int receiverFailures;
    private volatile String node;

    /** Starts the link if configured; called on an application thread when the listener opens. */
    synchronized void start() {
        if (running || !config.clusterEnabled()) {
            return;
        }
        node = config.clusterNode();
        outgoing = new ArrayBlockingQueue<>(config.clusterMaxPendingEvents());
        running = true;
        LOG.log(Level.INFO, "EventLite cluster link: this server is {0}, topic {1}",
                new Object[] {node, config.clusterTopic()});
        // JmsLink is the only class that touches Jakarta Messaging types: servers without a
        // messaging feature never load it, and this bean still deploys there.
        JmsLink link = new JmsLink(this);
        executor.execute(longRunning(link::send, "eventlite-cluster-sender"));
        executor.execute(longRunning(link::receive, "eventlite-cluster-receiver"));
    }

    /** The bean itself, for the publish path, which calls {@link #forward} once per event. */
    public Unproxied<ClusterBridge> unproxied() {
        return new Unproxied<>(this);
    }

    @PreDestroy
    void stop() {
        running = false;
    }

    public boolean enabled() {
        return config.clusterEnabled();
    }

    /** Both directions connected. */
    public boolean up() {
        return senderUp && receiverUp;
    }

    /** Why the link is down, or "connected". */
    public String state() {
        return up() ? "connected" : downReason;
    }

    public String node() {
        return node;
    }

    public long forwarded() {
        return forwarded.sum();
    }

    public long received() {
        return received.sum();
    }

    /** Events not forwarded because the link was down or the queue full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Queues a locally accepted event for the other servers; never blocks. */
    void forward(String name, EventJson json, EventOrigin origin) {
        if (!running) {
            return;
        }
        if (!senderUp || !outgoing.offer(new Outgoing(name, json.toByteArray(), origin.user().orElse("")))) {
            dropped.increment();
            if ((dropped.sum() & 1023) == 1) {
                LOG.log(Level.WARNING, "EventLite cluster link {0}: {1} events delivered here only so far",
                        new Object[] {senderUp ? "behind" : "down (" + downReason + ")", dropped.sum()});
            }
        }
    }

    void linkChanged() {
        if (up()) {
            LOG.log(Level.INFO, "EventLite cluster link up: server {0} exchanges events through {1}",
                    new Object[] {node, config.clusterTopic()});
        }
    }

    /**
     * Notes why, then waits before the next attempt. A reason is logged once, then again only
     * after {@link #RELOG_NANOS}: the sender and the receiver fail in turn with reasons of their
     * own, so "only when the reason changes" would log every attempt.
     */
    void down(String reason) {
        long now = System.nanoTime();
        Long logged = reasonsLogged.get(reason);
        if (logged == null || now - logged > RELOG_NANOS || up()) {
            if (reasonsLogged.size() > 16) {
                reasonsLogged.clear();
            }
            reasonsLogged.put(reason, now);
            LOG.log(Level.WARNING, "EventLite cluster link down: {0}; retrying every {1} ms",
                    new Object[] {reason, config.clusterRetryInterval().toMillis()});
        }
        downReason = reason;
        LockSupport.parkNanos(config.clusterRetryInterval().toNanos());
    }

    private static Runnable longRunning(Runnable task, String name) {
        return ManagedExecutors.managedTask(task,
                Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, name), null);
    }
}
