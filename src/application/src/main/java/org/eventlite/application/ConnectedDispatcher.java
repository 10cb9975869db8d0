package org.eventlite.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eventlite.api.EventDispatcher;
import org.eventlite.api.EventLiteConnection;
import org.eventlite.api.EventLiteConnectionFactory;
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.api.EventRejectedException;
import org.eventlite.api.EventSubscription;

/**
 * {@code @Inject EventDispatcher} in an application: publishes through the adapter's connection
 * factory {@code eis/eventlite}, with its identity; listeners are called in the application's
 * context. Listeners still open when the application stops are closed with it.
 */
@ApplicationScoped
public class ConnectedDispatcher implements EventDispatcher {

    @Resource(lookup = "eis/eventlite")
    EventLiteConnectionFactory factory;

    @Resource
    ContextService context;

    private final Set<EventSubscription> listeners = ConcurrentHashMap.newKeySet();

    @Override
    public int dispatchEvent(String name, JsonObject data) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        try (EventLiteConnection connection = connection()) {
            return connection.publish(name, data.toString());
        } catch (EventRejectedException e) {
            if (e.reason() == EventRejectedException.Reason.INVALID) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public EventSubscription addEventListener(String name, Consumer<JsonObject> callback) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(callback, "callback");
        EventSubscription subscription = subscribe(List.of(name), (event, json) -> callback.accept(JsonText.parse(json)));
        listeners.add(subscription);
        return new EventSubscription() {
            @Override
            public String name() {
                return subscription.name();
            }

            @Override
            public void close() {
                listeners.remove(subscription);
                subscription.close();
            }
        };
    }

    /** Subscribes {@code listener}, called in this application's context, to {@code patterns}. */
    EventSubscription subscribe(List<String> patterns, EventLiteMessageListener listener) {
        EventLiteMessageListener contextual = context.createContextualProxy(listener, EventLiteMessageListener.class);
        try (EventLiteConnection connection = connection()) {
            return connection.subscribe(patterns, contextual);
        }
    }

    private EventLiteConnection connection() {
        try {
            return factory.getConnection();
        } catch (ResourceException e) {
            throw new EventRejectedException(EventRejectedException.Reason.UNAVAILABLE,
                    "no connection from eis/eventlite: " + e.getMessage());
        }
    }

    @PreDestroy
    void closeListeners() {
        listeners.forEach(EventSubscription::close);
        listeners.clear();
    }
}
