package org.eventlite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.EventNames;
import org.eventlite.protocol.ProtocolException;

/**
 * Lets code in the server publish and listen like a remote client would, as
 * in the original's {@code dispatchEvent} and {@code addEventListener}:
 * {@code @Inject EventDispatcher dispatcher; dispatcher.dispatchEvent("price", Map.of("value", 42));}
 * Events go to TCP subscribers, CDI observers and in-server listeners alike.
 * Publishing from the application is trusted: no access decision applies.
 */
@ApplicationScoped
public class EventDispatcher {

    @Inject
    Broadcaster broadcaster;

    @Inject
    LocalListeners localListeners;

    @Inject
    EventLiteConfig config;

    /**
     * Publishes {@code data} (strings, numbers, booleans, nested maps and
     * collections) as event {@code name}; an {@code "event"} entry, if any, must equal {@code name}.
     *
     * @return how many TCP subscribers it was queued for
     * @throws IllegalArgumentException for a bad name, data that is not JSON, or an event over the size limit
     */
    public int dispatchEvent(String name, Map<String, ?> data) {
        Objects.requireNonNull(data, "data");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) data;
        return dispatchEvent(name, Json.createObjectBuilder(values).build());
    }

    /** Publishes {@code data} as event {@code name}; see {@link #dispatchEvent(String, Map)}. */
    public int dispatchEvent(String name, JsonObject data) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        int maxEventBytes = config.listenerSettings().decoderLimits().maxEventBytes();
        byte[] text = data.toString().getBytes(StandardCharsets.UTF_8);
        try {
            EventNames.check(name, config.listenerSettings().decoderLimits());
            EventNames.checkPublishable(name);
            return broadcaster.broadcast(name, EventJson.of(name, text, maxEventBytes), EventOrigin.APPLICATION);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("cannot publish event '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * Calls {@code callback} with each event named {@code name}, which may be
     * a pattern ({@code price.*}, {@code price.>}). Callbacks run on a managed
     * executor thread, one at a time per listener, in order; a slow callback
     * delays only its own listener.
     */
    public EventSubscription addEventListener(String name, Consumer<JsonObject> callback) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(callback, "callback");
        return localListeners.add(name, callback);
    }
}
