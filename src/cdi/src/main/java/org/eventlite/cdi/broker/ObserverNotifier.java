package org.eventlite.cdi.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import org.eventlite.api.EventOrigin;
import org.eventlite.api.EventPublished;
import org.eventlite.api.ObservedEvents;
import org.eventlite.cdi.ApplicationExecutor;
import org.eventlite.cdi.Unproxied;
import org.eventlite.connector.api.SerialExecutor;
import org.eventlite.protocol.EventJson;

/**
 * Fires the CDI events and runs in-server listeners, always on the managed
 * executor, never on the caller's thread: a slow observer delays no network
 * I/O. One serial queue keeps {@code @Observes} observers in acceptance order;
 * {@code @ObservesAsync} observers and each local listener run on their own.
 *
 * <p>Events are fired through the bean manager of the web module that hosts
 * the bridge MDB: this bean archive sits in the EAR's lib/, and an event fired
 * from here would reach only observers that lib/ can see, none in the WARs.
 * So observers belong in that web module or in lib/.
 */
@ApplicationScoped
public class ObserverNotifier {

    /** Events waiting for observers at most; past it they are dropped, counted and logged. */
    static final int MAX_QUEUED_EVENTS = 100_000;
    /** Event bytes waiting for observers at most, so large events cannot pile up either. */
    static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;

    private BeanManager ownBeanManager;
    private ApplicationExecutor executor;
    private LocalListeners localListeners;
    private ObservedEvents presence;

    private volatile SerialExecutor serial;
    /** Whether an observer of EventPublished exists; null until asked. Observers are fixed once the application is deployed. */
    private volatile Boolean publishedObserved;
    private volatile BeanManager webModuleBeanManager;

    /** For the container's client proxy only. */
    protected ObserverNotifier() {
    }

    @Inject
    public ObserverNotifier(BeanManager ownBeanManager, ApplicationExecutor executor, LocalListeners localListeners,
            ObservedEvents presence) {
        this.ownBeanManager = ownBeanManager;
        this.executor = executor;
        this.localListeners = localListeners;
        this.presence = presence;
    }

    /** Called by the bridge MDB's web module: fire through its bean manager from now on. */
    void fireThrough(BeanManager beanManager) {
        webModuleBeanManager = beanManager;
    }

    private Event<Object> events() {
        BeanManager target = webModuleBeanManager;
        return (target != null ? target : ownBeanManager).getEvent();
    }

    private SerialExecutor serial() {
        SerialExecutor current = serial;
        if (current == null) {
            synchronized (this) {
                if (serial == null) {
                    serial = new SerialExecutor("EventLite observers", executor, MAX_QUEUED_EVENTS, MAX_QUEUED_BYTES);
                }
                current = serial;
            }
        }
        return current;
    }

    /** Asked once, not per event: the presence extension sits behind a proxy on the publish path. */
    private boolean eventPublishedObserved() {
        Boolean known = publishedObserved;
        if (known == null) {
            known = presence.observed(EventPublished.class);
            publishedObserved = known;
        }
        return known;
    }

    /** Nothing is queued when no observer and no in-server listener would receive the event. */
    void eventPublished(String name, EventJson json, EventOrigin origin) {
        boolean observed = eventPublishedObserved();
        if (!observed && localListeners.isEmpty()) {
            return;
        }
        serial().execute(json.length(), () -> {
            JsonObject data = parse(json);
            EventPublished event = new EventPublished(name, data, origin);
            if (observed) {
                Event<EventPublished> named = events().select(EventPublished.class, presence.qualifiersOf(name));
                named.fire(event);
                named.fireAsync(event, NotificationOptions.ofExecutor(executor));
            }
            localListeners.deliver(name, data);
        });
    }

    void clientSubscribed(ClientSubscribed event) {
        fire(ClientSubscribed.class, event);
    }

    void clientDisconnected(ClientDisconnected event) {
        fire(ClientDisconnected.class, event);
    }

    void requestDenied(RequestDenied event) {
        fire(RequestDenied.class, event);
    }

    private <T> void fire(Class<T> type, T event) {
        if (!presence.observed(type)) {
            return;
        }
        serial().execute(0, () -> {
            Event<T> target = events().select(type);
            target.fire(event);
            target.fireAsync(event, NotificationOptions.ofExecutor(executor));
        });
    }

    private static JsonObject parse(EventJson json) {
        try (JsonReader reader = Json.createReader(new StringReader(json.toString()))) {
            return reader.readObject();
        }
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}; for the publish path. */
    public Unproxied<ObserverNotifier> unproxied() {
        return new Unproxied<>(this);
    }
}
