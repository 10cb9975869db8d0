package org.eventlite.cdi;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.concurrent.Executor;
import org.eventlite.protocol.EventJson;

/**
 * Fires the CDI events and runs in-server listeners, always on the managed
 * executor, never on the caller's thread: a slow observer delays no network
 * I/O. One serial queue keeps {@code @Observes} observers in acceptance order;
 * {@code @ObservesAsync} observers and each local listener run on their own.
 */
@ApplicationScoped
public class ObserverNotifier {

    /** Events waiting for observers at most; past it they are dropped, counted and logged. */
    static final int MAX_QUEUED_EVENTS = 100_000;

    @Inject
    Event<EventPublished> published;

    @Inject
    Event<ClientSubscribed> subscribed;

    @Inject
    Event<ClientDisconnected> disconnected;

    @Inject
    Event<RequestDenied> denied;

    @Inject
    ApplicationExecutor executor;

    @Inject
    LocalListeners localListeners;

    private volatile SerialExecutor serial;

    private SerialExecutor serial() {
        SerialExecutor current = serial;
        if (current == null) {
            synchronized (this) {
                if (serial == null) {
                    serial = new SerialExecutor("EventLite observers", executor, MAX_QUEUED_EVENTS);
                }
                current = serial;
            }
        }
        return current;
    }

    void eventPublished(String name, EventJson json, EventOrigin origin) {
        serial().execute(() -> {
            JsonObject data = parse(json);
            EventPublished event = new EventPublished(name, data, origin);
            Event<EventPublished> named = published.select(EventName.Literal.of(name));
            named.fire(event);
            named.fireAsync(event, NotificationOptions.ofExecutor(executor));
            localListeners.deliver(name, data);
        });
    }

    void clientSubscribed(ClientSubscribed event) {
        fire(subscribed, event);
    }

    void clientDisconnected(ClientDisconnected event) {
        fire(disconnected, event);
    }

    void requestDenied(RequestDenied event) {
        fire(denied, event);
    }

    private <T> void fire(Event<T> target, T event) {
        serial().execute(() -> {
            target.fire(event);
            target.fireAsync(event, NotificationOptions.ofExecutor(executor));
        });
    }

    private static JsonObject parse(EventJson json) {
        try (JsonReader reader = Json.createReader(new StringReader(json.toString()))) {
            return reader.readObject();
        }
    }

    Executor executor() {
        return executor;
    }
}
