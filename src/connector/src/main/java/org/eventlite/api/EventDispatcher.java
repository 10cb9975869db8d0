package org.eventlite.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Publishes and listens like a remote client would, as in the original's {@code dispatchEvent}
 * and {@code addEventListener}:
 * {@code @Inject EventDispatcher dispatcher; dispatcher.dispatchEvent("price", Map.of("value", 42));}
 * Events go to TCP and SSE subscribers, CDI observers, listeners and application MDBs alike.
 * In EventLite's own application it publishes as the server itself; in another application it
 * publishes through the connection factory {@code eis/eventlite}, with that factory's identity,
 * and the access rules apply.
 */
public interface EventDispatcher {

    /**
     * Publishes {@code data} (strings, numbers, booleans, nested maps and collections) as event
     * {@code name}; an {@code "event"} entry, if any, must equal {@code name}.
     *
     * @return how many subscribers of this server it was queued for
     * @throws IllegalArgumentException for a bad name, data that is not JSON, or an event over the size limit
     * @throws EventRejectedException when the access rules deny it or the broker is not running
     */
    default int dispatchEvent(String name, Map<String, ?> data) {
        Objects.requireNonNull(data, "data");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) data;
        return dispatchEvent(name, Json.createObjectBuilder(values).build());
    }

    /** Publishes {@code data} as event {@code name}; see {@link #dispatchEvent(String, Map)}. */
    int dispatchEvent(String name, JsonObject data);

    /**
     * Calls {@code callback} with each event named {@code name}, which may be a pattern
     * ({@code price.*}, {@code price.>}). Callbacks run one at a time per listener, in order, in
     * the application's context; a slow callback delays only its own listener, and past its
     * queue's limit it misses events (at most once, as for every subscriber).
     *
     * @throws EventRejectedException when the access rules deny the subscription
     */
    EventSubscription addEventListener(String name, Consumer<JsonObject> callback);
}
