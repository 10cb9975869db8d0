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
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eventlite.api.EventOrigin;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.ErrorCode;
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

    private record Resources(ConnectionFactory factory, Topic topic) {
    }

    JmsLink(ClusterBridge bridge) {
        this.bridge = bridge;
    }

    /** @return null, after noting why and waiting, while they are not in JNDI */
    private Resources lookUp() {
        try {
            return new Resources(factory(), topic());
        } catch (NamingException e) {
            bridge.down(missing(e));
            return null;
        }
    }

    /** Looked up on each attempt: the messaging resources may start after the application. */
    private ConnectionFactory factory() throws NamingException {
        return InitialContext.doLookup(bridge.config.clusterConnectionFactory());
    }

    private Topic topic() throws NamingException {
        return InitialContext.doLookup(bridge.config.clusterTopic());
    }

    private static String missing(NamingException e) {
        return "not in JNDI (yet?): " + e.getMessage() + "; see liberty/cluster/*.xml";
    }

    void send() {
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
                bridge.outgoing.clear(); // queued while down: too old to send now
                int failuresSeen = bridge.receiverFailures;
                bridge.senderUp = true;
                bridge.linkChanged();
                while (bridge.running) {
                    if (bridge.receiverFailures != failuresSeen) {
                        throw new JMSRuntimeException("the receiver lost its connection; reconnecting");
                    }
                    ClusterBridge.Outgoing event = bridge.outgoing.poll(RECEIVE_MILLIS, TimeUnit.MILLISECONDS);
                    if (event != null) {
                        BytesMessage message = context.createBytesMessage();
                        message.writeBytes(event.json());
                        message.setStringProperty(ClusterBridge.NODE_PROPERTY, bridge.node());
                        message.setStringProperty(ClusterBridge.EVENT_PROPERTY, event.name());
                        message.setStringProperty(ClusterBridge.USER_PROPERTY, event.user());
                        producer.send(topic, message);
                        bridge.forwarded.increment();
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

    void receive() {
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
     * Checks a message from the topic as any client's input is checked (name, size, JSON, its
     * {@code "event"} member) before delivering it: whoever reaches the engine is not trusted more
     * than a client.
     */
    private void deliver(Message message) throws JMSException {
        String name = message.getStringProperty(ClusterBridge.EVENT_PROPERTY);
        String from = message.getStringProperty(ClusterBridge.NODE_PROPERTY);
        if (bridge.node().equals(from)) {
            return; // our own, already delivered here
        }
        DecoderLimits limits = bridge.config.listenerSettings().decoderLimits();
        try {
            if (name == null || from == null || !message.isBodyAssignableTo(byte[].class)) {
                throw new ProtocolException(ErrorCode.MISSING_BODY, "not an EventLite message");
            }
            byte[] json = message.getBody(byte[].class);
            if (json == null) {
                throw new ProtocolException(ErrorCode.MISSING_BODY, "an empty message");
            }
            EventNames.check(name, limits);
            EventNames.checkPublishable(name);
            EventJson event = EventJson.of(name, json, limits.maxEventBytes());
            bridge.broadcaster.broadcast(name, event,
                    EventOrigin.cluster(from, message.getStringProperty(ClusterBridge.USER_PROPERTY)));
            bridge.received.increment();
        } catch (ProtocolException | RuntimeException e) {
            rejected++;
            if (Long.bitCount(rejected) == 1) { // the 1st, 2nd, 4th, 8th...: a flood cannot flood the log
                LOG.log(Level.WARNING, "EventLite cluster link: dropped an event ''{0}'' from {1}: {2} ({3} so far)",
                        new Object[] {name, from, e.getMessage(), rejected});
            }
        }
    }
}
