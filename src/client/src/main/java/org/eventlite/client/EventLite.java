package org.eventlite.client;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A static facade shaped like the Perl original, for code ported from it:
 * <pre>{@code
 * EventLite.server("127.0.0.1:34343", "user", "password");
 * EventLite.addEventListener("price", event -> ...);
 * EventLite.dispatchEvent("price", Map.of("value", 42));
 * }</pre>
 * It holds one process-wide {@link EventLiteClient}; new code should use that directly.
 */
public final class EventLite {

    private static EventLiteClient client;

    private EventLite() {
    }

    /** Points the facade at a server, closing the previous client if any. */
    public static synchronized void server(String hostAndPort, String username, String password) {
        if (client != null) {
            client.close();
        }
        client = EventLiteClient.builder().server(hostAndPort).credentials(username, password).build();
    }

    public static Subscription addEventListener(String event, Consumer<JsonObject> callback) {
        return client().addEventListener(event, callback);
    }

    public static void dispatchEvent(String event, Map<String, ?> data) {
        client().dispatchEvent(event, data);
    }

    /** Closes the facade's client. */
    public static synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static synchronized EventLiteClient client() {
        if (client == null) {
            throw new IllegalStateException("call EventLite.server(\"host:port\", user, password) first");
        }
        return client;
    }
}
