package org.eventlite.cdi.cluster;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Topic;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eventlite.cdi.EventLiteConfig;

/** The link's resources as the server configuration defines them in JNDI. */
final class JndiResources implements LinkResources {

    private final EventLiteConfig config;

    JndiResources(EventLiteConfig config) {
        this.config = config;
    }

    @Override
    public ConnectionFactory factory() throws NamingException {
        return InitialContext.doLookup(config.cluster().connectionFactory());
    }

    @Override
    public Topic topic() throws NamingException {
        return InitialContext.doLookup(config.cluster().topic());
    }

    @Override
    public void close() {
        // The server owns what JNDI holds.
    }
}
