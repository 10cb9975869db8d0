package org.eventlite.protocol;

/** {@code subscribe/<event>:<username>|<password>}, with or without a line terminator. */
public record SubscribeRequest(String event, Credentials credentials) implements Request {
}
