package org.eventlite.cdi.cluster;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Settings;

/**
 * An Artemis broker, or a live/backup pair, reached with the Artemis client itself: the URL
 * names the brokers and the client's fail-over ({@code (tcp://a:61616,tcp://b:61616)?ha=true
 * &reconnectAttempts=5}), and the link signs in as {@code eventlite.cluster.user} with
 * {@code eventlite.cluster.password}. One factory for the link's life: it holds the client's
 * view of the brokers, which fail-over uses.
 */
final class ArtemisResources implements LinkResources {

    /** Room for the batch's framing and the message's properties and headers. */
    private static final int LARGEST_BATCH_OVERHEAD = 64 * 1024;

    private final EventLiteConfig config;
    private ActiveMQConnectionFactory factory;

    ArtemisResources(EventLiteConfig config) {
        this.config = config;
    }

    @Override
    public synchronized ConnectionFactory factory() {
        if (factory == null) {
            factory = new ActiveMQConnectionFactory(config.cluster().artemisUrl().orElseThrow(), config.cluster().user(),
                    config.value(Settings.CLUSTER_PASSWORD).orElse(null));
            // A full batch must travel as an ordinary message: past minLargeMessageSize (100 KiB by
            // default) Artemis streams a message in chunks and keeps it in a file on the broker.
            int batchWithHeaders = config.cluster().batchMaxBytes() + LARGEST_BATCH_OVERHEAD;
            if (factory.getMinLargeMessageSize() < batchWithHeaders) {
                factory.setMinLargeMessageSize(batchWithHeaders);
            }
        }
        return factory;
    }

    @Override
    public Topic topic() {
        return ActiveMQJMSClient.createTopic(config.cluster().artemisAddress());
    }

    @Override
    public synchronized void close() {
        if (factory != null) {
            factory.close();
            factory = null;
        }
    }
}
