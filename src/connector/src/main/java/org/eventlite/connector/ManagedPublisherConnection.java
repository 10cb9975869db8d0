package org.eventlite.connector;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.protocol.Credentials;

/**
 * A pooled connection: no socket, only the identity its handles publish and subscribe as, since
 * the broker runs in the same server. Events are not transactional (at most once, like every
 * EventLite delivery), so it offers no transaction of either kind.
 */
final class ManagedPublisherConnection implements ManagedConnection {

    private final EventLiteManagedConnectionFactory factory;
    private final Credentials credentials;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<ConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    ManagedPublisherConnection(EventLiteManagedConnectionFactory factory, Credentials credentials) {
        this.factory = factory;
        this.credentials = credentials;
    }

    Credentials credentials() {
        return credentials;
    }

    BrokerLink broker() {
        return factory.broker();
    }

    ApplicationSubscriber subscriber(List<String> patterns, EventLiteMessageListener listener) {
        return new ApplicationSubscriber("application listener of " + String.join(",", patterns)
                + (credentials.anonymous() ? "" : " as " + credentials.username()), listener, factory.workManager(),
                EventSubscriptionSpec.DEFAULT_MAX_PENDING_EVENTS, EventSubscriptionSpec.DEFAULT_MAX_PENDING_BYTES);
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo request) {
        ConnectionHandle handle = new ConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    /** The application closed a handle: the pool may hand this connection out again. */
    void closed(ConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    @Override
    public void associateConnection(Object handle) {
        ConnectionHandle moved = (ConnectionHandle) handle;
        moved.associate(this);
        handles.add(moved);
    }

    void dissociate(ConnectionHandle handle) {
        handles.remove(handle);
    }

    @Override
    public void cleanup() {
        handles.forEach(ConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws NotSupportedException {
        throw new NotSupportedException("EventLite events are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws NotSupportedException {
        throw new NotSupportedException("EventLite events are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "EventLite";
            }

            @Override
            public String getEISProductVersion() {
                return "0.1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return credentials.username();
            }
        };
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }
}
