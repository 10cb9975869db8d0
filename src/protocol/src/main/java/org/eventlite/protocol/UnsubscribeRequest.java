package org.eventlite.protocol;

/**
 * {@code unsubscribe/<event>:<username>|<password>} and a line terminator: ends
 * this connection's subscription to {@code event}. An extension of ours; the
 * 2008 clients never send it.
 */
public record UnsubscribeRequest(String event, Credentials credentials) implements Request {
}
