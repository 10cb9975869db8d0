package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;

/** What an event name may be: 1 to the limit's UTF-8 bytes, no white space, control bytes, ':' or '|'. */
public final class EventNames {

    private EventNames() {
    }

    public static void check(String name, int maxBytes) throws ProtocolException {
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
    }
}
