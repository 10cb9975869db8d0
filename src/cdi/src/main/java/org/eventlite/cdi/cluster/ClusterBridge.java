package org.eventlite.cdi.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eventlite.api.EventOrigin;
import org.eventlite.api.ObservedEvents;
import org.eventlite.cdi.ApplicationExecutor;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.access.EventFilter;
import org.eventlite.cdi.broker.Broadcaster;
import org.eventlite.cdi.broker.SubscriptionRegistry;
import org.eventlite.connector.api.Delivery;
import org.eventlite.connector.api.PublisherPacing;
import org.eventlite.connector.api.Subscriber;

/**
 * Makes several servers one broadcast domain through a Jakarta Messaging topic
 * (Liberty's messaging engine, or IBM MQ, ActiveMQ Artemis: whatever the
 * connection factory points at). Off unless {@code eventlite.cluster.enabled}.
 *
 * <p>The link is a subscriber of every event: each one accepted here (TCP, HTTP, applications)
 * is queued for one sender thread, which sends what is queued as one non-persistent message with
 * this server's name (a batch, bounded by {@code eventlite.cluster.batch-*}: under load the queue
 * fills while the previous message is sent, so batches grow with the rate). One receiver thread
 * takes the other servers' batches and delivers their events like local ones, with an origin
 * naming their server. Our own come back too and are skipped by name: a message selector would
 * do it in the engine, but Liberty's engine evaluates {@code <>} selectors by parsing each bytes
 * body as XML. One thread each way keeps every publisher's order. While the link is down or its
 * queue full, events are delivered locally only: the others are dropped, counted and logged,
 * never replayed (at most once, like the rest).
 */
@ApplicationScoped
public class ClusterBridge implements Subscriber {

    /** Among subscribers, the link: TCP connections count up from 1, the HTTP gateway's streams down from -1. */
    private static final long LINK_ID = 0;

    private static final Logger LOG = Logger.getLogger(ClusterBridge.class.getName());
    static final String NODE_PROPERTY = "eventliteNode";

    @Inject
    EventLiteConfig config;

    @Inject
    ApplicationExecutor executor;

    @Inject
    Broadcaster broadcaster;

    @Inject
    SubscriptionRegistry registry;

    final LongAdder forwarded = new LongAdder();
    final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    BlockingQueue<EventBatch.Entry> outgoing;
    /** Bytes of the events in {@link #outgoing}. */
    final AtomicLong outgoingBytes = new AtomicLong();
    /** Events in {@link #outgoing}, counted beside it: the queue's own size takes its lock. */
    private final AtomicInteger outgoingEvents = new AtomicInteger();
    /**
     * TCP publishers whose reading stopped because the queue was above half of either bound; all
     * read on once it is down to a quarter of both, or when the link goes down or stops.
     */
    private final Set<PublisherPacing> heldBack = ConcurrentHashMap.newKeySet();
    private final LongAdder holds = new LongAdder();
    volatile boolean running;
    /** The sender and the receiver, counted down as they end; set when the link starts. */
    private volatile CountDownLatch linkThreads;
    volatile boolean senderUp;
    volatile boolean receiverUp;
    private volatile String downReason = "connecting";
    /** When each recent reason for the link being down was last logged. */
    private final Map<String, Long> reasonsLogged = new ConcurrentHashMap<>();
    private static final long RELOG_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How long a stop waits for the link's threads: longer than a receive's poll (1 s). */
    private static final long STOP_WAIT_MILLIS = 3_000;
    private static final long STOP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A URL parameter whose name says password, and its value up to the next separator. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([a-z]*password=)[^&;,)]*");
    /**
     * Counts the receiver's lost connections. An idle sender learns of a broken link only
     * when it next sends, and would lose that event; so it reconnects when this moves.
     */
    volatile int receiverFailures;
    private volatile String node;
    /**
     * The settings the link started with (a change restarts the application, and the link with
     * it). Kept here: the per-event checks would otherwise call through the configuration bean's
     * client proxy, whose bookkeeping on every call costs more than the checks themselves.
     */
    volatile ClusterSettings settings;

    /** Starts the link if configured; called on an application thread when the listener opens. */
    public synchronized void start() {
        if (running || !config.cluster().enabled()) {
            return;
        }
        settings = config.cluster();
        node = settings.node();
        outgoing = new ArrayBlockingQueue<>(settings.maxPendingEvents());
        running = true;
        linkThreads = new CountDownLatch(2);
        LOG.log(Level.INFO, "EventLite cluster link: this server is {0}, through {1}",
                new Object[] {node, through()});
        // JmsLink and the resources it picks are the only classes that touch Jakarta Messaging
        // types: servers without a messaging feature never load them, and this bean still deploys there.
        JmsLink link = new JmsLink(this);
        executor.startLoop(link::send, "eventlite-cluster-sender");
        executor.startLoop(link::receive, "eventlite-cluster-receiver");
        registry.subscribe(ObservedEvents.EVERY_EVENT, this, EventFilter.ALL);
    }

    /**
     * What the link exchanges events through: an Artemis URL (any password in it, a trust store's
     * say, shown as ***) and address, or a topic in JNDI. For the log and the readiness data.
     */
    public String through() {
        return config.cluster().artemisUrl()
                .map(url -> "Artemis at " + withoutPasswords(url) + ", address " + config.cluster().artemisAddress())
                .orElse("the topic " + config.cluster().topic() + " (JNDI)");
    }

    /** {@code url} with the value of every parameter named ...password replaced by ***. */
    static String withoutPasswords(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    /**
     * Stops the link and waits, a little longer than a receive's poll, for its two threads to close
     * their sessions: while the application stops, its messaging resources are still valid, and a
     * session closed after them leaves errors (FFDC files) in the server's log.
     */
    @PreDestroy
    void stop() {
        running = false;
        registry.remove(this);
        releaseHeldBack();
        CountDownLatch threads = linkThreads;
        if (threads != null) {
            try {
                if (!threads.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "EventLite cluster link: its threads had not ended {0} ms after the stop",
                            STOP_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Each of the link's two threads on its way out; true for the last one. */
    synchronized boolean linkThreadEnded() {
        linkThreads.countDown();
        return linkThreads.getCount() == 0;
    }

    public boolean enabled() {
        return config.cluster().enabled();
    }

    /** Whether readiness stays UP while the link is down ({@code eventlite.cluster.ready-while-link-down}). */
    public boolean readyWhileLinkDown() {
        return config.cluster().readyWhileLinkDown();
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

    @Override
    public long id() {
        return LINK_ID;
    }

    @Override
    public String location() {
        return "cluster link of " + node;
    }

    /**
     * Queues an event accepted here for the other servers; theirs are not sent back. Never blocks.
     *
     * @return false: a forward is no delivery to a client ({@link #forwarded()} and {@link #dropped()} count it)
     */
    @Override
    public boolean deliver(Delivery delivery) {
        if (!running || delivery.origin().source() == EventOrigin.Source.CLUSTER) {
            return false;
        }
        if (!senderUp || !queue(new EventBatch.Entry(delivery.name(), delivery.origin().user().orElse(""),
                delivery.json().toByteArray()))) {
            dropped.increment();
            if ((dropped.sum() & 1023) == 1) {
                LOG.log(Level.WARNING, "EventLite cluster link {0}: {1} events delivered here only so far",
                        new Object[] {senderUp ? "behind" : "down (" + downReason + ")", dropped.sum()});
            }
        } else if (delivery.publisher() != PublisherPacing.NONE && aboveHalf()) {
            holdBack(delivery.publisher());
        }
        return false;
    }

    /** Within both bounds, or not at all. */
    private boolean queue(EventBatch.Entry entry) {
        int size = entry.json().length;
        if (outgoingBytes.addAndGet(size) > settings.maxPendingBytes() || !outgoing.offer(entry)) {
            outgoingBytes.addAndGet(-size);
            return false;
        }
        outgoingEvents.incrementAndGet();
        return true;
    }

    /** The sender took {@code entry} off the queue. */
    void taken(EventBatch.Entry entry) {
        outgoingBytes.addAndGet(-entry.json().length);
        outgoingEvents.decrementAndGet();
        if (!heldBack.isEmpty() && downToAQuarter()) {
            releaseHeldBack();
        }
    }

    private boolean aboveHalf() {
        return outgoingEvents.get() > settings.maxPendingEvents() / 2
                || outgoingBytes.get() > settings.maxPendingBytes() / 2;
    }

    private boolean downToAQuarter() {
        return outgoingEvents.get() <= settings.maxPendingEvents() / 4
                && outgoingBytes.get() <= settings.maxPendingBytes() / 4;
    }

    /**
     * Back-pressure instead of loss: the publisher reads no more requests until the sender has
     * caught up. Paused first and listed second, then checked again: a sender that drained the
     * queue in between, before the publisher was listed, would otherwise never release it.
     */
    private void holdBack(PublisherPacing publisher) {
        publisher.pause();
        if (heldBack.add(publisher)) {
            holds.increment();
        }
        if (downToAQuarter() || !senderUp || !running) {
            releaseHeldBack();
        }
    }

    /** Every held-back publisher reads on. */
    private void releaseHeldBack() {
        for (Iterator<PublisherPacing> publishers = heldBack.iterator(); publishers.hasNext(); ) {
            PublisherPacing publisher = publishers.next();
            publishers.remove();
            publisher.resume();
        }
    }

    /** How many times a publisher was held back for the link to catch up. */
    public long publishersHeldBack() {
        return holds.sum();
    }

    /**
     * Before each connection attempt to Liberty's engine of another server ({@code eventlite.cluster.engine}):
     * false, after noting why and waiting, while a plain TCP connection to it is refused. Liberty's
     * messaging client writes FFDC files for every failed attempt, refused ones included.
     */
    boolean mayConnect() {
        String engine = settings.engine().orElse(null);
        if (engine == null || EngineProbe.reachable(engine)) {
            return true;
        }
        down("the messaging engine at " + engine + " refuses connections");
        return false;
    }

    void linkChanged() {
        if (up()) {
            LOG.log(Level.INFO, "EventLite cluster link up: server {0} exchanges events through {1}",
                    new Object[] {node, through()});
        }
    }

    /**
     * Notes why, then waits before the next attempt. A reason is logged once, then again only
     * after {@link #RELOG_NANOS}: the sender and the receiver fail in turn with reasons of their
     * own, so "only when the reason changes" would log every attempt.
     */
    void down(String reason) {
        releaseHeldBack(); // what they publish now is delivered here only
        long now = System.nanoTime();
        Long logged = reasonsLogged.get(reason);
        if (logged == null || now - logged > RELOG_NANOS || up()) {
            if (reasonsLogged.size() > 16) {
                reasonsLogged.clear();
            }
            reasonsLogged.put(reason, now);
            LOG.log(Level.WARNING, "EventLite cluster link down: {0}; retrying every {1} ms",
                    new Object[] {reason, settings.retryInterval().toMillis()});
        }
        downReason = reason;
        // The pause before the next attempt ends early when the link stops, so a stop need not wait it out.
        long until = System.nanoTime() + settings.retryInterval().toNanos();
        long left;
        while (running && (left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, STOP_POLL_NANOS));
        }
    }
}
