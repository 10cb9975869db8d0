package org.eventlite.connector;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The EventLite inbound resource adapter: a TCP listener per endpoint
 * activation, speaking the Event::Lite protocol. Every thread it uses comes
 * from the container's WorkManager.
 */
@Connector(
        displayName = "EventLite",
        description = "Event::Lite compatible event-broadcast listener",
        vendorName = "EventLite",
        eisType = "Event::Lite",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class EventLiteResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(EventLiteResourceAdapter.class.getName());

    private final Map<ActivationSpec, Listener> listeners = new ConcurrentHashMap<>();
    private volatile WorkManager workManager;

    @Override
    public void start(BootstrapContext context) {
        workManager = context.getWorkManager();
    }

    @Override
    public void stop() {
        listeners.values().forEach(Listener::stop);
        listeners.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof EventLiteActivationSpec eventLiteSpec)) {
            throw new NotSupportedException("EventLite takes an EventLiteActivationSpec, not " + spec);
        }
        eventLiteSpec.validate();
        Listener listener = new Listener(eventLiteSpec.address(), factory, workManager);
        listeners.put(spec, listener);
        try {
            listener.start();
        } catch (WorkException e) {
            listeners.remove(spec);
            throw new ResourceException("EventLite could not start its listener on " + eventLiteSpec.address(), e);
        }
        LOG.log(Level.FINE, "EventLite activation for {0}", eventLiteSpec);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        Listener listener = listeners.remove(spec);
        if (listener != null) {
            listener.stop();
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
