package org.eventlite.api;

import jakarta.json.JsonObject;

/**
 * Fired for every accepted event, from a TCP publisher or from
 * {@link EventDispatcher}, with the qualifier {@link EventName} set to its
 * name. Observers run on a managed executor thread, never on a network I/O
 * thread; {@code @Observes} observers see events in the order they were
 * accepted.
 *
 * @param name   the event name
 * @param data   the event's JSON object, {@code "event"} member included
 * @param origin who published it
 */
public record EventPublished(String name, JsonObject data, EventOrigin origin) {
}
