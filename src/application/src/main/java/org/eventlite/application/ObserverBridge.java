package org.eventlite.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.api.EventOrigin;
import org.eventlite.api.EventPublished;
import org.eventlite.api.EventRejectedException;
import org.eventlite.api.EventSubscription;
import org.eventlite.api.ObservedEvents;

/**
 * Makes the application's {@code @Observes} / {@code @ObservesAsync} methods of
 * {@link EventPublished} hear the server's events: when the application starts, it subscribes to
 * exactly the names and patterns they ask for (every event if one asks for none) and fires each
 * event with its name and every matching observed pattern as qualifiers, so each observer hears
 * it once. Synchronous observers run one event at a time, in publish order per publisher.
 */
@ApplicationScoped
public class ObserverBridge {

    private static final Logger LOG = Logger.getLogger(ObserverBridge.class.getName());

    @Inject
    ObservedEvents observed;

    @Inject
    BeanManager beanManager;

    @Inject
    ConnectedDispatcher dispatcher;

    @Resource
    ManagedExecutorService executor;

    private volatile EventSubscription subscription;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!observed.observed(EventPublished.class)) {
            return;
        }
        List<String> names = List.copyOf(observed.observedNames());
        try {
            subscription = dispatcher.subscribe(names, new Observers());
            LOG.log(Level.INFO, "EventLite: this application''s observers receive {0}", names);
        } catch (EventRejectedException e) {
            LOG.log(Level.SEVERE, "EventLite refused this application''s observers the events {0}: {1}",
                    new Object[] {names, e.getMessage()});
        }
    }

    /** Called by the adapter, always with the origin, in this application's context. */
    private final class Observers implements EventLiteMessageListener {

        @Override
        public void onEvent(String name, String json) {
            throw new UnsupportedOperationException("the EventLite adapter passes every event with its origin");
        }

        @Override
        public void onEvent(String name, String json, EventOrigin origin) {
            EventPublished event = new EventPublished(name, JsonText.parse(json), origin);
            Event<EventPublished> named = beanManager.getEvent().select(EventPublished.class,
                    observed.qualifiersOf(name));
            named.fire(event);
            named.fireAsync(event, NotificationOptions.ofExecutor(executor));
        }
    }

    @PreDestroy
    void stop() {
        EventSubscription current = subscription;
        if (current != null) {
            current.close();
        }
    }
}
