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
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.api.EventRejectedException;
import org.eventlite.connector.api.EventLiteListener;

/**
 * The EventLite resource adapter, installed once per server for every application. Inbound, it
 * has two kinds of endpoints: EventLite's own bridge bean ({@link EventLiteListener}), for which it
 * runs a TCP listener speaking the Event::Lite protocol and through which it reaches the broker;
 * and applications' message-driven beans ({@link EventLiteMessageListener}), which it subscribes
 * to the broker. Outbound, its connection factory lets applications publish. Every thread it uses
 * comes from the container's WorkManager.
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
    private final Map<ActivationSpec, ApplicationSubscriber> beans = new ConcurrentHashMap<>();
    private final BrokerLink broker = new BrokerLink();
    private volatile WorkManager workManager;

    @Override
    public void start(BootstrapContext context) {
        workManager = context.getWorkManager();
    }

    @Override
    public void stop() {
        listeners.values().forEach(Listener::stop);
        listeners.clear();
        beans.values().forEach(broker::unsubscribe);
        beans.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (spec instanceof EventSubscriptionSpec subscription) {
            activateBean(factory, subscription);
            return;
        }
        if (!(spec instanceof EventLiteActivationSpec eventLiteSpec)) {
            throw new NotSupportedException("EventLite takes an EventLiteActivationSpec or an EventSubscriptionSpec, not "
                    + spec);
        }
        eventLiteSpec.validate();
        Listener listener = new Listener(eventLiteSpec.address(), factory, workManager, broker);
        listeners.put(spec, listener);
        try {
            listener.start();
        } catch (WorkException e) {
            listeners.remove(spec);
            throw new ResourceException("EventLite could not start its listener on " + eventLiteSpec.address(), e);
        }
        LOG.log(Level.FINE, "EventLite activation for {0}", eventLiteSpec);
    }

    /** An application's message-driven bean: subscribed now, or as soon as EventLite's broker runs. */
    private void activateBean(MessageEndpointFactory factory, EventSubscriptionSpec spec) throws ResourceException {
        spec.validate();
        ApplicationSubscriber subscriber = new ApplicationSubscriber("message-driven bean " + factory.getActivationName(),
                new BeanCaller(factory), workManager, spec.getMaxPendingEvents(), spec.getMaxPendingBytes());
        try {
            broker.subscribe(spec.credentials(), spec.patterns(), subscriber);
        } catch (EventRejectedException e) {
            throw new ResourceException("EventLite refused " + subscriber + " its subscription: " + e.getMessage(), e);
        }
        beans.put(spec, subscriber);
        LOG.log(Level.INFO, "EventLite subscribed {0} to {1}", new Object[] {subscriber, spec.patterns()});
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        ApplicationSubscriber bean = beans.remove(spec);
        if (bean != null) {
            broker.unsubscribe(bean);
            return;
        }
        Listener listener = listeners.remove(spec);
        if (listener != null) {
            listener.stop();
        }
    }

    /** For the outbound connection factory. */
    BrokerLink broker() {
        return broker;
    }

    WorkManager workManager() {
        return workManager;
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
