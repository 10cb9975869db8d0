package org.eventlite.protocol;

/** A decoded client request. Every request names one event and carries credentials. */
public sealed interface Request permits SubscribeRequest, UnsubscribeRequest, PublishRequest {

    /** The event name as written between the first {@code /} and the first {@code :}. */
    String event();

    Credentials credentials();
}
