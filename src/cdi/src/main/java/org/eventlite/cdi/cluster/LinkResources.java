package org.eventlite.cdi.cluster;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Topic;
import javax.naming.NamingException;
import org.eventlite.cdi.EventLiteConfig;

/**
 * Where the cluster link's connection factory and topic come from: JNDI, where a provider's
 * resource adapter or Liberty's engine (liberty/cluster/*.xml) puts them, or an Artemis broker
 * (or live/backup pair) the link connects to itself ({@code eventlite.cluster.artemis-url}).
 */
interface LinkResources extends AutoCloseable {

    static LinkResources of(EventLiteConfig config) {
        return config.cluster().artemisUrl().isPresent() ? new ArtemisResources(config) : new JndiResources(config);
    }

    /** Asked on each connection attempt: the resources may come up after the application. */
    ConnectionFactory factory() throws NamingException;

    Topic topic() throws NamingException;

    /** Releases what the link no longer needs once it has stopped. */
    @Override
    void close();
}
