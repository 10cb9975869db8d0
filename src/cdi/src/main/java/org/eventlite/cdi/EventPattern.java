package org.eventlite.cdi;

import java.util.List;

/**
 * An event name or a NATS-style pattern over dot-separated tokens: {@code *}
 * matches exactly one token, a final {@code >} one or more.
 */
record EventPattern(List<String> tokens) {

    static EventPattern parse(String pattern) {
        return new EventPattern(List.of(pattern.split("\\.", -1)));
    }

    /** Walks the name's tokens in place: called for every access decision, so it allocates nothing. */
    boolean matches(String name) {
        int count = tokens.size();
        int start = 0;
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i);
            if (start > name.length()) {
                return false;
            }
            if (token.equals(">") && i == count - 1) {
                return true;
            }
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = name.length();
            }
            if (!token.equals("*") && !name.regionMatches(start, token, 0, Math.max(token.length(), end - start))) {
                return false;
            }
            start = end + 1;
        }
        return start == name.length() + 1;
    }
}
