package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import jakarta.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.naming.InitialContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eventlite.api.EventDispatcher;
import org.eventlite.api.EventOrigin;
import org.eventlite.api.EventPublished;
import org.eventlite.api.EventSubscription;
import org.eventlite.cdi.ListenerLifecycle;
import org.eventlite.cdi.broker.ClientDisconnected;
import org.eventlite.cdi.broker.ClientSubscribed;
import org.eventlite.cdi.broker.RequestDenied;
import org.eventlite.cdi.cluster.ClusterBridge;
import org.eventlite.cdi.cluster.EventBatch;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Liberty, in the EventLite application itself: the EAR is the
 * real RAR, CDI library and server WAR, with this class and a recording
 * observer added to the WAR.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerIT {

    private static final long WAIT_SECONDS = 10;

    @Inject
    EventDispatcher dispatcher;

    @Inject
    @ConfigProperty(name = "eventlite.port")
    int port;

    @Inject
    ListenerLifecycle listener;

    @Inject
    ClusterBridge cluster;

    @Inject
    @ConfigProperty(name = "it.node-a.port")
    int nodeAPort;

    /** The listener binds on its own Work after the application starts; wait for it. */
    @BeforeEach
    void listenerAccepts() throws Exception {
        RecordingObservers.SYNCHRONOUS.clear();
        RecordingObservers.ASYNCHRONOUS.clear();
        RecordingObservers.LIFECYCLE.clear();
        assertTrue(Waits.until(Duration.ofSeconds(30), Duration.ofMillis(50), listener::accepting, accepting -> accepting),
                listener.reason());
    }

    @Deployment
    static EnterpriseArchive deployment() {
        File parts = new File(System.getProperty("arquillian.parts", "target/arquillian-parts"));
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(parts, "eventlite-server.war"))
                .addClasses(InContainerIT.class, RecordingObservers.class, RecordingObservers.Seen.class,
                        RawClient.class, TestServer.class, Waits.class, Waits.Probe.class);
        return ShrinkWrap.create(EnterpriseArchive.class, "eventlite-arq.ear")
                .addAsModule(ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, new File(parts, "eventlite-rar.rar")))
                .addAsModule(war)
                .addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, new File(parts, "eventlite-cdi.jar")))
                .addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, new File(parts, "eventlite-passwords.jar")));
    }

    @Test
    void injectedDispatcherPublishReachesTcpSubscriber() throws Exception {
        try (RawClient subscriber = RawClient.connect(port)) {
            assertEquals("ok", subscriber.subscribe("arq.out", TestServer.ANONYMOUS));

            int queued = dispatcher.dispatchEvent("arq.out", Map.of("price", 42));

            assertEquals(1, queued);
            assertEquals("{\"event\":\"arq.out\",\"price\":42}", subscriber.readEventJson());
        }
    }

    @Test
    void tcpPublishReachesSyncAndAsyncObserversWithNameDataAndOrigin() throws Exception {
        try (RawClient publisher = RawClient.connect(port)) {
            assertEquals("ok", publisher.publish("arq.in", TestServer.ANONYMOUS, "{\"qty\":7}"));
        }

        RecordingObservers.Seen sync = RecordingObservers.SYNCHRONOUS.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        RecordingObservers.Seen async = RecordingObservers.ASYNCHRONOUS.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(sync, "@Observes @EventName(\"arq.in\") saw nothing");
        assertNotNull(async, "@ObservesAsync saw nothing");
        for (RecordingObservers.Seen seen : new RecordingObservers.Seen[] {sync, async}) {
            EventPublished event = seen.event();
            assertEquals("arq.in", event.name());
            assertEquals(7, event.data().getInt("qty"));
            assertEquals("arq.in", event.data().getString("event"));
            assertEquals(EventOrigin.Source.REMOTE_CLIENT, event.origin().source());
            assertTrue(event.origin().remoteAddress().orElseThrow().getAddress().isLoopbackAddress());
            assertEquals(Optional.empty(), event.origin().user());
            assertFalse(seen.threadName().startsWith("eventlite-io"), "observer ran on I/O thread " + seen.threadName());
        }
    }

    /**
     * This server is cluster node C (member of node A's messaging engine): an event
     * published over TCP on node A reaches an {@code @Observes} bean here, named as A's.
     */
    @Test
    void anEventPublishedOnAnotherServerReachesObserversWithThatServerAsOrigin() throws Exception {
        awaitClusterUp();
        RecordingObservers.FROM_CLUSTER.clear();
        try (RawClient publisher = RawClient.connect(nodeAPort)) {
            assertEquals("ok", publisher.publish("cluster.observed", TestServer.ANONYMOUS, "{\"n\":1}"));
        }
        EventPublished event = RecordingObservers.FROM_CLUSTER.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "@Observes @EventName(\"cluster.observed\") saw nothing from node A");
        assertEquals(1, event.data().getInt("n"));
        assertEquals(EventOrigin.Source.CLUSTER, event.origin().source());
        assertEquals(Optional.of("node-a"), event.origin().server());
    }

    /**
     * Whoever can send to the cluster topic is trusted no more than a client: events that are not
     * valid (not JSON, another "event" member, a bad name) are dropped alone, a broken batch (an
     * event over the size limit, a cut body, a body that is no batch) loses the rest of its
     * message, and the valid events around them arrive, in order.
     */
    @Test
    void messagesOnTheClusterTopicAreCheckedLikeClientInput() throws Exception {
        awaitClusterUp();
        ConnectionFactory factory = InitialContext.doLookup("jms/eventlite/cluster");
        Topic topic = InitialContext.doLookup("jms/eventlite/events");
        try (RawClient subscriber = RawClient.connect(nodeAPort); JMSContext context = factory.createContext()) {
            assertEquals("ok", subscriber.subscribe("cluster.forged", TestServer.ANONYMOUS));
            forge(context, topic, EventBatch.encode(List.of(
                    entry("cluster.forged", "not json"),
                    entry("cluster.forged", "{\"event\":\"other\"}"),
                    entry("cluster..forged", "{}"),
                    entry("cluster.forged", "{\"n\":\"first\"}"))));
            forge(context, topic, EventBatch.encode(List.of(
                    entry("cluster.forged", "{\"d\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"),
                    entry("cluster.forged", "{\"n\":\"after the oversized one\"}"))));
            byte[] cut = EventBatch.encode(List.of(entry("cluster.forged", "{\"n\":\"cut\"}")));
            forge(context, topic, Arrays.copyOf(cut, cut.length - 1));
            forge(context, topic, "{\"event\":\"cluster.forged\",\"n\":\"no batch\"}".getBytes(StandardCharsets.UTF_8));
            forge(context, topic, EventBatch.encode(List.of(entry("cluster.forged", "{\"n\":\"last\"}"))));

            assertEquals("{\"event\":\"cluster.forged\",\"n\":\"first\"}", subscriber.readEventJson());
            assertEquals("{\"event\":\"cluster.forged\",\"n\":\"last\"}", subscriber.readEventJson());
        }
    }

    private static EventBatch.Entry entry(String name, String json) {
        return new EventBatch.Entry(name, "", json.getBytes(StandardCharsets.UTF_8));
    }

    /** This server's link to node A's engine is up, or the test fails with why not. */
    private void awaitClusterUp() throws Exception {
        assertTrue(Waits.until(Duration.ofSeconds(60), Duration.ofMillis(100), cluster::up, up -> up),
                "cluster link: " + cluster.state());
    }

    /** A message as another member would send it, claiming to be node "forger". */
    private static void forge(JMSContext context, Topic topic, byte[] body) throws JMSException {
        BytesMessage message = context.createBytesMessage();
        message.writeBytes(body);
        message.setStringProperty("eventliteNode", "forger");
        context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(topic, message);
    }

    /**
     * {@code @EventName("arq.pattern.*")} observes every name the pattern matches and no other; an
     * observer of every event is notified once (the events come in order, so a second
     * notification or a wrong match would be the next one polled).
     */
    @Test
    void observersOfAPatternSeeTheEventsItMatchesOnce() throws Exception {
        RecordingObservers.BY_PATTERN.clear();
        RecordingObservers.PATTERN_EVENTS_SEEN_BY_ALL.clear();
        dispatcher.dispatchEvent("arq.pattern.too.deep", Map.of());
        dispatcher.dispatchEvent("arq.pattern.one", Map.of());
        dispatcher.dispatchEvent("arq.pattern.two", Map.of());
        assertEquals("arq.pattern.one", RecordingObservers.BY_PATTERN.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("arq.pattern.two", RecordingObservers.BY_PATTERN.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        for (String name : new String[] {"arq.pattern.too.deep", "arq.pattern.one", "arq.pattern.two"}) {
            assertEquals(name, RecordingObservers.PATTERN_EVENTS_SEEN_BY_ALL.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void dispatcherEventReachesObserversWithApplicationOrigin() throws Exception {
        dispatcher.dispatchEvent("arq.in", Map.of("local", true));
        RecordingObservers.Seen sync = RecordingObservers.SYNCHRONOUS.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(sync);
        assertEquals(EventOrigin.APPLICATION, sync.event().origin());
        assertTrue(sync.event().data().getBoolean("local"));
    }

    @Test
    void addedListenerHearsTcpPublishesUntilClosed() throws Exception {
        BlockingQueue<JsonObject> heard = new LinkedBlockingQueue<>();
        try (RawClient publisher = RawClient.connect(port)) {
            EventSubscription subscription = dispatcher.addEventListener("arq.listen.*", heard::add);
            assertEquals("ok", publisher.publish("arq.listen.one", TestServer.ANONYMOUS, "{\"n\":1}"));
            JsonObject first = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals("arq.listen.one", first.getString("event"));

            subscription.close();
            assertEquals("ok", publisher.publish("arq.listen.two", TestServer.ANONYMOUS, "{\"n\":2}"));
            dispatcher.dispatchEvent("arq.in", Map.of("marker", true));
            assertNotNull(RecordingObservers.SYNCHRONOUS.poll(WAIT_SECONDS, TimeUnit.SECONDS),
                    "the later event went through the notifier");
            assertNull(heard.poll(500, TimeUnit.MILLISECONDS), "a closed subscription hears nothing more");
        }
    }

    @Test
    void subscribeDenialAndDisconnectAreFiredAsLifecycleEvents() throws Exception {
        long connectionId;
        try (RawClient client = RawClient.connect(port)) {
            assertEquals("ok", client.subscribe("arq.life", TestServer.ANONYMOUS));
            ClientSubscribed subscribed = next(ClientSubscribed.class, e -> e.name().equals("arq.life"));
            assertEquals("arq.life", subscribed.name());
            connectionId = subscribed.connectionId();

            assertEquals("permission denied", client.subscribe("arq.life", "nobody|wrong"));
            RequestDenied denied = next(RequestDenied.class, e -> e.name().equals("arq.life"));
            assertEquals(RequestDenied.Action.SUBSCRIBE, denied.action());
            assertEquals("nobody", denied.user());
        }
        long id = connectionId;
        ClientDisconnected disconnected = next(ClientDisconnected.class, e -> e.connectionId() == id);
        assertTrue(disconnected.remoteAddress().getAddress().isLoopbackAddress());
    }

    /** The next lifecycle event of {@code type} that matches; others (earlier tests' connections) are skipped. */
    private static <T> T next(Class<T> type, Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() - deadline < 0) {
            Object event = RecordingObservers.LIFECYCLE.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(event) && wanted.test(type.cast(event))) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " observed");
    }
}
