package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;

/**
 * What an event name may be: 1 to the limit's UTF-8 bytes, no white space, control bytes, ':' or '|'.
 * Names are dot-separated tokens, none of them empty and no more than the limit; the tokens {@code *} (one token) and {@code >} (the rest,
 * last only) make a name a pattern ({@link EventPattern}), which may be subscribed to but not published to.
 */
public final class EventNames {

    private EventNames() {
    }

    public static void check(String name, DecoderLimits limits) throws ProtocolException {
        check(name, limits.maxEventNameBytes());
        int tokens = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                tokens++;
            }
        }
        if (tokens > limits.maxEventNameTokens()) {
            throw new ProtocolException(ErrorCode.INVALID_EVENT_NAME,
                    "the event name has more than " + limits.maxEventNameTokens() + " dot-separated tokens");
        }
    }

    private static void check(String name, int maxBytes) throws ProtocolException {
        if (name.isEmpty()) {
            throw new ProtocolException(ErrorCode.EMPTY_EVENT_NAME);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ProtocolException(ErrorCode.EVENT_NAME_TOO_LONG,
                    "the event name is longer than " + maxBytes + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == 0x7F || c == ':' || c == '|' || Character.isWhitespace(c)) {
                throw new ProtocolException(ErrorCode.INVALID_EVENT_NAME);
            }
        }
        if (name.charAt(0) == '.' || name.charAt(name.length() - 1) == '.' || name.contains("..")) {
            throw new ProtocolException(ErrorCode.INVALID_EVENT_NAME, "the event name has an empty token");
        }
    }

    /** A published event's name: no wildcard token. */
    public static void checkPublishable(String name) throws ProtocolException {
        for (int start = 0; start <= name.length(); start = tokenEnd(name, start) + 1) {
            if (isToken(name, start, EventPattern.ONE) || isToken(name, start, EventPattern.REST)) {
                throw new ProtocolException(ErrorCode.WILDCARD_IN_PUBLISH);
            }
        }
    }

    /** A subscribed name or pattern: {@code >} only as the last token. */
    public static void checkPattern(String pattern) throws ProtocolException {
        for (int start = 0; tokenEnd(pattern, start) < pattern.length(); start = tokenEnd(pattern, start) + 1) {
            if (isToken(pattern, start, EventPattern.REST)) {
                throw new ProtocolException(ErrorCode.INVALID_PATTERN);
            }
        }
    }

    /** Scans in place: checked for every request, so it allocates nothing. */
    private static int tokenEnd(String name, int start) {
        int dot = name.indexOf('.', start);
        return dot < 0 ? name.length() : dot;
    }

    private static boolean isToken(String name, int start, String token) {
        return tokenEnd(name, start) - start == token.length() && name.startsWith(token, start);
    }
}
