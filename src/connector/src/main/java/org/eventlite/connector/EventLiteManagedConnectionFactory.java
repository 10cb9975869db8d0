package org.eventlite.connector;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.security.PasswordCredential;
import jakarta.resource.spi.work.WorkManager;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;
import org.eventlite.api.EventLiteConnection;
import org.eventlite.api.EventLiteConnectionFactory;
import org.eventlite.protocol.Credentials;

/**
 * The outbound side of the adapter: {@code <connectionFactory jndiName="eis/eventlite">} in
 * server.xml makes one, and applications publish through its pooled connections. Each managed
 * connection holds the identity it publishes as: the one the application asked for
 * ({@link EventLiteConnectionFactory#getConnection(String, String)}), else the container's
 * authentication data for the factory, else the {@code user} configured here, else anonymous.
 */
@ConnectionDefinition(
        connectionFactory = EventLiteConnectionFactory.class,
        connectionFactoryImpl = PooledConnectionFactory.class,
        connection = EventLiteConnection.class,
        connectionImpl = ConnectionHandle.class)
public class EventLiteManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient EventLiteResourceAdapter adapter;
    private transient PrintWriter logWriter;

    @ConfigProperty(defaultValue = "", description = "The user whose publish rules apply to the factory's connections; empty for anonymous")
    private String user = "";

    @ConfigProperty(defaultValue = "", description = "That user's password", confidential = true)
    private String password = "";

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new PooledConnectionFactory(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("EventLite's connection factory runs in the server only");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo request) {
        return new ManagedPublisherConnection(this, identity(subject, request));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo request) {
        Credentials wanted = identity(subject, request);
        for (Object candidate : candidates) {
            if (candidate instanceof ManagedPublisherConnection connection && connection.credentials().equals(wanted)) {
                return connection;
            }
        }
        return null;
    }

    /** Asked for by the application, else the container's sign-on for this factory, else configured. */
    private Credentials identity(Subject subject, ConnectionRequestInfo request) {
        if (request instanceof IdentityRequest asked) {
            return asked.credentials();
        }
        if (subject != null) {
            for (PasswordCredential credential : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (credential.getManagedConnectionFactory() == null || equals(credential.getManagedConnectionFactory())) {
                    return new Credentials(credential.getUserName(), new String(credential.getPassword()));
                }
            }
        }
        return new Credentials(user == null ? "" : user, password == null ? "" : password);
    }

    BrokerLink broker() {
        return adapter().broker();
    }

    private EventLiteResourceAdapter adapter() {
        if (adapter == null) {
            throw new IllegalStateException("the EventLite connection factory has no resource adapter");
        }
        return adapter;
    }

    WorkManager workManager() {
        return adapter().workManager();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.adapter = (EventLiteResourceAdapter) resourceAdapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    /** Factories with the same configuration are the same, as the connector specification asks. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EventLiteManagedConnectionFactory that && Objects.equals(user, that.user)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(user);
    }
}
