package org.eventlite.connector;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import java.util.Objects;
import javax.naming.Reference;
import org.eventlite.api.EventLiteConnection;
import org.eventlite.api.EventLiteConnectionFactory;
import org.eventlite.protocol.Credentials;

/** What an application looks up as {@code eis/eventlite}: it asks the container's pool for connections. */
public class PooledConnectionFactory implements EventLiteConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final transient EventLiteManagedConnectionFactory factory;
    private final transient ConnectionManager manager;
    private Reference reference;

    PooledConnectionFactory(EventLiteManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public EventLiteConnection getConnection() throws ResourceException {
        return (EventLiteConnection) manager.allocateConnection(factory, null);
    }

    @Override
    public EventLiteConnection getConnection(String user, String password) throws ResourceException {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        return (EventLiteConnection) manager.allocateConnection(factory,
                new IdentityRequest(new Credentials(user, password)));
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
