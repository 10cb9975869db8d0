package org.eventlite.connector;

import java.util.Collection;
import java.util.List;
import org.eventlite.api.EventLiteConnection;
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.api.EventSubscription;

/** The connection an application holds: publishes and subscribes with its managed connection's identity. */
public class ConnectionHandle implements EventLiteConnection {

    private volatile ManagedPublisherConnection managed;

    ConnectionHandle(ManagedPublisherConnection managed) {
        this.managed = managed;
    }

    @Override
    public int publish(String name, String json) {
        ManagedPublisherConnection current = open();
        return current.broker().publish(current.credentials(), name, json);
    }

    @Override
    public EventSubscription subscribe(Collection<String> patterns, EventLiteMessageListener listener) {
        ManagedPublisherConnection current = open();
        List<String> wanted = List.copyOf(patterns);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("subscribe to at least one event name or pattern");
        }
        ApplicationSubscriber subscriber = current.subscriber(wanted, listener);
        BrokerLink broker = current.broker();
        broker.subscribe(current.credentials(), wanted, subscriber);
        return new EventSubscription() {
            @Override
            public String name() {
                return String.join(",", wanted);
            }

            @Override
            public void close() {
                broker.unsubscribe(subscriber);
            }
        };
    }

    @Override
    public void close() {
        ManagedPublisherConnection current = managed;
        if (current != null) {
            managed = null;
            current.closed(this);
        }
    }

    void associate(ManagedPublisherConnection other) {
        ManagedPublisherConnection previous = managed;
        if (previous != null && previous != other) {
            previous.dissociate(this);
        }
        managed = other;
    }

    void invalidate() {
        managed = null;
    }

    private ManagedPublisherConnection open() {
        ManagedPublisherConnection current = managed;
        if (current == null) {
            throw new IllegalStateException("this EventLite connection is closed");
        }
        return current;
    }
}
