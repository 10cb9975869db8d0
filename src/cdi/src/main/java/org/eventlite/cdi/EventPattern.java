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

    boolean matches(String name) {
        String[] nameTokens = name.split("\\.", -1);
        int count = tokens.size();
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i);
            if (token.equals(">") && i == count - 1) {
                return nameTokens.length > i;
            }
            if (i >= nameTokens.length || !(token.equals("*") || token.equals(nameTokens[i]))) {
                return false;
            }
        }
        return nameTokens.length == count;
    }
}
