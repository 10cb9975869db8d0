package org.eventlite.cdi.cluster;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;
import org.eventlite.api.EventOrigin;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.EventNames;
import org.eventlite.protocol.ProtocolException;

/**
 * The Jakarta Messaging side of the {@link ClusterBridge}: one loop sends the
 * queued events, one receives the other servers'. Each keeps its own
 * {@code JMSContext} (they are single-threaded) and reconnects after any failure.
 */
final class JmsLink {

    private static final Logger LOG = Logger.getLogger(JmsLink.class.getName());
    private static final long RECEIVE_MILLIS = 1000;

    private final ClusterBridge bridge;
    /** Receiver thread only: messages from the topic that failed the checks. */
    private long rejected;
    /** Sender thread only: the event that did not fit the last batch, to start the next. */
    private EventBatch.Entry carried;

    private record Resources(ConnectionFactory factory, Topic topic) {
    }

    private final LinkResources resources;

    JmsLink(ClusterBridge bridge) {
        this.bridge = bridge;
        this.resources = LinkResources.of(bridge.config);
    }

    /** @return null, after noting why and waiting, while they are not in JNDI or the engine cannot be reached */
    private Resources lookUp() {
        if (!bridge.mayConnect()) {
            return null;
        }
        try {
            return new Resources(resources.factory(), resources.topic());
        } catch (NamingException e) {
            bridge.down("not in JNDI (yet?): " + e.getMessage() + "; see liberty/cluster/*.xml");
            return null;
        }
    }

    /** Each of the two threads on its way out: the last one releases the resources. */
    private void threadEnded() {
        if (bridge.linkThreadEnded()) {
            resources.close();
        }
    }

    void send() {
        try {
            sendWhileRunning();
        } finally {
            threadEnded();
        }
    }

    private void sendWhileRunning() {
        while (bridge.running) {
            Resources resources = lookUp();
            if (resources == null) {
                continue;
            }
            ConnectionFactory factory = resources.factory();
            Topic topic = resources.topic();
            try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                JMSProducer producer = context.createProducer()
                        .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .setDisableMessageTimestamp(true)
                        .setDisableMessageID(true);
                dropQueued(); // queued while down: too old to send now
                int failuresSeen = bridge.receiverFailures;
                bridge.senderUp = true;
                bridge.linkChanged();
                while (bridge.running) {
                    if (bridge.receiverFailures != failuresSeen) {
                        throw new JMSRuntimeException("the receiver lost its connection; reconnecting");
                    }
                    List<EventBatch.Entry> batch = nextBatch();
                    if (!batch.isEmpty()) {
                        BytesMessage message = context.createBytesMessage();
                        message.writeBytes(EventBatch.encode(batch));
                        message.setStringProperty(ClusterBridge.NODE_PROPERTY, bridge.node());
                        producer.send(topic, message);
                        bridge.forwarded.add(batch.size());
                    }
                }
            } catch (JMSRuntimeException | JMSException e) {
                bridge.senderUp = false;
                bridge.down("sending failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                bridge.senderUp = false;
            }
        }
    }

    private void dropQueued() {
        carried = null;
        EventBatch.Entry entry;
        while ((entry = bridge.outgoing.poll()) != null) {
            bridge.taken(entry);
        }
    }

    /**
     * What is queued, up to the batch limits, waiting at most {@code eventlite.cluster.batch-linger}
     * for more once one event is there; empty after {@link #RECEIVE_MILLIS} without any.
     */
    private List<EventBatch.Entry> nextBatch() throws InterruptedException {
        List<EventBatch.Entry> batch = new ArrayList<>();
        EventBatch.Entry first = carried != null ? carried : take(TimeUnit.MILLISECONDS.toNanos(RECEIVE_MILLIS));
        carried = null;
        if (first == null) {
            return batch;
        }
        batch.add(first);
        int bytes = EventBatch.headerSize() + first.size();
        int maxEvents = bridge.settings.batchMaxEvents();
        int maxBytes = bridge.settings.batchMaxBytes();
        long linger = bridge.settings.batchLinger().toNanos();
        long deadline = System.nanoTime() + linger;
        while (batch.size() < maxEvents) {
            EventBatch.Entry next = linger > 0 ? take(deadline - System.nanoTime()) : take(0);
            if (next == null) {
                break;
            }
            int size = next.size();
            if (bytes + size > maxBytes) {
                carried = next;
                break;
            }
            batch.add(next);
            bytes += size;
        }
        return batch;
    }

    private EventBatch.Entry take(long waitNanos) throws InterruptedException {
        EventBatch.Entry entry = waitNanos > 0 ? bridge.outgoing.poll(waitNanos, TimeUnit.NANOSECONDS)
                : bridge.outgoing.poll();
        if (entry != null) {
            bridge.taken(entry);
        }
        return entry;
    }

    void receive() {
        try {
            receiveWhileRunning();
        } finally {
            threadEnded();
        }
    }

    private void receiveWhileRunning() {
        while (bridge.running) {
            Resources resources = lookUp();
            if (resources == null) {
                continue;
            }
            ConnectionFactory factory = resources.factory();
            Topic topic = resources.topic();
            // Lazy acknowledgement: with AUTO_ACKNOWLEDGE a remote consumer of Liberty's engine makes a
            // round trip per message (about 1 ms). The subscription is non-durable, so a broken session
            // loses what it had not delivered rather than redelivering it.
            try (JMSContext context = factory.createContext(JMSContext.DUPS_OK_ACKNOWLEDGE);
                    JMSConsumer consumer = context.createConsumer(topic)) {
                bridge.receiverUp = true;
                bridge.linkChanged();
                while (bridge.running) {
                    Message message = consumer.receive(RECEIVE_MILLIS);
                    if (message != null) {
                        deliver(message);
                    }
                }
            } catch (JMSRuntimeException | JMSException e) {
                bridge.receiverUp = false;
                bridge.receiverFailures++;
                bridge.down("receiving failed: " + e.getMessage());
            } finally {
                bridge.receiverUp = false;
            }
        }
    }

    /**
     * Checks a message from the topic as any client's input is checked (framing, names, sizes, JSON,
     * each event's {@code "event"} member) before delivering its events: whoever reaches the engine
     * is not trusted more than a client. An invalid event is dropped alone; a broken frame drops
     * the rest of its message.
     */
    private void deliver(Message message) throws JMSException {
        String from = message.getStringProperty(ClusterBridge.NODE_PROPERTY);
        if (bridge.node().equals(from)) {
            return; // our own, already delivered here
        }
        DecoderLimits limits = bridge.config.listenerSettings().decoderLimits();
        byte[] body = from != null && message.isBodyAssignableTo(byte[].class) ? message.getBody(byte[].class) : null;
        if (body == null) {
            rejected("a message", from, "not an EventLite batch");
            return;
        }
        EventBatch.Decoded batch = EventBatch.decode(body, limits.maxEventNameBytes(), limits.maxEventBytes());
        for (EventBatch.Entry entry : batch.entries()) {
            try {
                EventNames.check(entry.name(), limits);
                EventNames.checkPublishable(entry.name());
                EventJson event = EventJson.of(entry.name(), entry.json(), limits.maxEventBytes());
                bridge.broadcaster.broadcast(entry.name(), event, EventOrigin.cluster(from, entry.user()));
                bridge.received.increment();
            } catch (ProtocolException | RuntimeException e) {
                rejected("an event '" + entry.name() + "'", from, e.getMessage());
            }
        }
        if (batch.error() != null) {
            rejected("the rest of a batch", from, batch.error());
        }
    }

    private void rejected(String what, String from, String why) {
        rejected++;
        if (Long.bitCount(rejected) == 1) { // the 1st, 2nd, 4th, 8th...: a flood cannot flood the log
            LOG.log(Level.WARNING, "EventLite cluster link: dropped {0} from {1}: {2} ({3} so far)",
                    new Object[] {what, from, why, rejected});
        }
    }
}
