package org.eventlite.connector.api;

import java.util.Locale;
import java.util.Objects;
import org.eventlite.protocol.ErrorCode;

/**
 * Why a subscriber's connection or stream ended: a kind for code to act on (counting slow
 * consumers, say) and a detail for people.
 *
 * @param kind   what ended it
 * @param detail the error id, the limit passed or the failure's message; empty when the kind says it all
 */
public record CloseReason(Kind kind, String detail) {

    public enum Kind {
        /** The client closed its side. */
        PEER_CLOSED,
        /** The server sent an error reply ({@code detail} is its id) and closed. */
        ERROR_REPLY,
        /** A refused subscription ended an HTTP stream (a TCP connection stays open when refused). */
        DENIED,
        /** The subscriber fell too far behind ({@code detail} says which limit). */
        SLOW_CONSUMER,
        /** The server or its listener stopped. */
        SERVER_STOPPING,
        /** Reading from or writing to the client failed. */
        IO_FAILURE,
        /** The server failed while serving the client; see its log. */
        INTERNAL_ERROR
    }

    public static final CloseReason PEER_CLOSED = new CloseReason(Kind.PEER_CLOSED, "");
    public static final CloseReason DENIED = new CloseReason(Kind.DENIED, "permission denied");
    public static final CloseReason SERVER_STOPPING = new CloseReason(Kind.SERVER_STOPPING, "");

    public CloseReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public static CloseReason errorReply(ErrorCode code) {
        return new CloseReason(Kind.ERROR_REPLY, code.id());
    }

    public static CloseReason slowConsumer(String limitPassed) {
        return new CloseReason(Kind.SLOW_CONSUMER, limitPassed);
    }

    public static CloseReason ioFailure(String what, Exception e) {
        return new CloseReason(Kind.IO_FAILURE, what + ": " + e.getMessage());
    }

    public static CloseReason internalError(Throwable e) {
        return new CloseReason(Kind.INTERNAL_ERROR, e.toString());
    }

    /** {@code slow-consumer: more than 33554432 bytes pending}, {@code error-reply: request-timeout}, {@code peer-closed}. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return detail.isEmpty() ? name : name + ": " + detail;
    }
}
