package org.eventlite.cdi.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.eventlite.api.EventDispatcher;
import org.eventlite.api.EventOrigin;
import org.eventlite.api.EventSubscription;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.EventNames;
import org.eventlite.protocol.ProtocolException;

/**
 * The {@link EventDispatcher} of EventLite's own application: its events are published as the
 * server itself, trusted, with no access decision; its listeners run on the managed executor.
 */
@ApplicationScoped
public class ServerDispatcher implements EventDispatcher {

    @Inject
    Broadcaster broadcaster;

    @Inject
    LocalListeners localListeners;

    @Inject
    EventLiteConfig config;

    @Override
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

    @Override
    public EventSubscription addEventListener(String name, Consumer<JsonObject> callback) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(callback, "callback");
        return localListeners.add(name, callback);
    }
}
