package org.eventlite.protocol;

/**
 * {@code publish/<event>:<username>|<password>} followed by a base64 body. The
 * body has already been decoded and checked: {@link #json()} is a JSON object
 * whose {@code "event"} member equals {@link #event()}.
 */
public record PublishRequest(String event, Credentials credentials, EventJson json) implements Request {
}
