package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The catalogue of error replies. Each code has a stable id used both on the
 * wire and in the server log. The reply is {@code -ERR <id>: <message>} and a
 * LF; the connection is closed after it.
 *
 * <p>The reply starts with {@code -} so that a client holding several
 * subscriptions on one connection can tell it apart from {@code ok} (o),
 * {@code permission denied} (p) and event frames (always e). A Perl client
 * compares the reply with {@code ok}, so it reports the failure as before.
 */
public enum ErrorCode {
    LINE_TOO_LONG("line-too-long", "request line is longer than the limit"),
    CONTROL_CHARACTER("control-character", "request line contains a control byte"),
    INVALID_UTF8_REQUEST("invalid-request-encoding", "request line is not valid UTF-8"),
    UNKNOWN_VERB("unknown-verb", "a request starts with subscribe/, unsubscribe/ or publish/"),
    MISSING_CREDENTIALS("missing-credentials", "expected <verb>/<event>:<username>|<password>"),
    MALFORMED_CREDENTIALS("malformed-credentials", "credentials are <username>|<password>, both may be empty"),
    EMPTY_EVENT_NAME("empty-event-name", "the event name is empty"),
    EVENT_NAME_TOO_LONG("event-name-too-long", "the event name is longer than the limit"),
    INVALID_EVENT_NAME("invalid-event-name",
            "event names have no spaces, control bytes, '|' or empty tokens, and at most the limit's tokens"),
    WILDCARD_IN_PUBLISH("wildcard-in-publish", "events are published to a name; '*' and '>' tokens are for subscribing"),
    INVALID_PATTERN("invalid-pattern", "'>' may only be the last token of a pattern"),
    MISSING_BODY("missing-body", "a publish request needs a base64 body after an empty line"),
    INVALID_BASE64("invalid-base64", "the publish body is not valid base64"),
    INVALID_UTF8("invalid-utf8", "the event is not valid UTF-8"),
    INVALID_JSON("invalid-json", "the event is not valid JSON"),
    NOT_AN_OBJECT("not-an-object", "the event must be a JSON object"),
    EVENT_TOO_LARGE("event-too-large", "the event is larger than the limit"),
    EVENT_NAME_MISMATCH("event-name-mismatch", "the \"event\" member names another event than the request"),
    TOO_MANY_CONNECTIONS("too-many-connections", "the server has reached its connection limit"),
    TOO_MANY_SUBSCRIPTIONS("too-many-subscriptions", "this connection holds as many subscriptions as allowed"),
    SERVER_SUBSCRIPTION_LIMIT("server-subscription-limit", "the server holds as many subscriptions as allowed"),
    REQUEST_TIMEOUT("request-timeout", "the request was not completed in time"),
    SERVER_BUSY("server-busy", "the server holds as much unfinished input as it may; try again later"),
    IDLE_TIMEOUT("idle-timeout", "no request was completed in time after connecting"),
    TOO_MANY_CONNECTIONS_FROM_ADDRESS("too-many-connections-from-address",
            "this address holds as many connections as allowed"),
    TLS_REQUIRED("tls-required", "this port speaks TLS; use a TLS client, or the plain port"),
    INTERNAL_ERROR("internal-error", "the server failed to handle the request; see the server log");

    private final String id;
    private final String message;
    private final byte[] reply;

    ErrorCode(String id, String message) {
        this.id = id;
        this.message = message;
        this.reply = ("-ERR " + id + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Stable, lower-case, dashed identifier. */
    public String id() {
        return id;
    }

    public String message() {
        return message;
    }

    /** The bytes written to the client. */
    public byte[] reply() {
        return reply.clone();
    }

    /** The reply as a string, for documentation and tests. */
    public String replyText() {
        return new String(reply, StandardCharsets.UTF_8);
    }
}
