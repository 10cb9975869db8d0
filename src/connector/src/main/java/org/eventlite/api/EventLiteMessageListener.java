package org.eventlite.api;

/**
 * Receives events: the listener interface of application message-driven beans, with the event
 * names or patterns in their activation config, and of {@link EventLiteConnection#subscribe}.
 * <pre>
 * &#64;MessageDriven(activationConfig = &#64;ActivationConfigProperty(propertyName = "subscribe",
 *         propertyValue = "orders.&gt;"))
 * public class OrderEvents implements EventLiteMessageListener { ... }
 * </pre>
 * Calls come one at a time per subscriber, in publish order per publisher.
 */
public interface EventLiteMessageListener {

    /**
     * @param name the event's name
     * @param json the event's JSON object, {@code "event"} member included
     */
    void onEvent(String name, String json);

    /**
     * As {@link #onEvent(String, String)}, with where the event came from; the adapter calls this
     * one, and by default it leaves the origin out.
     */
    default void onEvent(String name, String json, EventOrigin origin) {
        onEvent(name, json);
    }
}
