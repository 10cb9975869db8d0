package org.eventlite.cdi.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eventlite.api.EventDispatcher;
import org.eventlite.api.EventSubscription;
import org.eventlite.cdi.ApplicationExecutor;
import org.eventlite.connector.api.SerialExecutor;
import org.eventlite.protocol.EventPattern;

/**
 * Callbacks registered by in-server code through {@link EventDispatcher}. Each
 * has its own serial queue on the managed executor, so one slow callback
 * delays only itself.
 */
@ApplicationScoped
public class LocalListeners {

    /** Events waiting for one callback at most. */
    static final int MAX_QUEUED_PER_LISTENER = 10_000;

    @Inject
    ApplicationExecutor executor;

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    EventSubscription add(String name, Consumer<JsonObject> callback) {
        Registration registration = new Registration(name, EventPattern.parse(name), callback,
                new SerialExecutor("EventLite listener of '" + name + "'", executor, MAX_QUEUED_PER_LISTENER,
                        ObserverNotifier.MAX_QUEUED_BYTES));
        registrations.add(registration);
        return registration;
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    void deliver(String name, JsonObject data) {
        for (Registration registration : registrations) {
            if (registration.pattern.matches(name)) {
                registration.queue.execute(0, () -> registration.callback.accept(data));
            }
        }
    }

    private final class Registration implements EventSubscription {
        private final String name;
        private final EventPattern pattern;
        private final Consumer<JsonObject> callback;
        private final SerialExecutor queue;

        Registration(String name, EventPattern pattern, Consumer<JsonObject> callback, SerialExecutor queue) {
            this.name = name;
            this.pattern = pattern;
            this.callback = callback;
            this.queue = queue;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            registrations.remove(this);
        }
    }
}
