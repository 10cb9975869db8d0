package org.eventlite.protocol;

import java.util.List;

/**
 * An event name or a NATS-style pattern over dot-separated tokens: {@code *}
 * matches exactly one token, a final {@code >} one or more. Besides matching
 * names, patterns can be compared with each other, which is how a subscription
 * to a pattern is checked against permission patterns once, at subscribe time.
 */
public record EventPattern(List<String> tokens) {

    public static final String ONE = "*";
    public static final String REST = ">";

    public static EventPattern parse(String pattern) {
        return new EventPattern(List.of(pattern.split("\\.", -1)));
    }

    /** Whether {@code name} has a wildcard token, so that it names many events rather than one. */
    public static boolean isPattern(String name) {
        return parse(name).hasWildcard();
    }

    /** Whether a token is {@link #ONE} or {@link #REST}. */
    public boolean hasWildcard() {
        for (String token : tokens) {
            if (token.equals(ONE) || token.equals(REST)) {
                return true;
            }
        }
        return false;
    }

    /** Walks the name's tokens in place: called for every access decision, so it allocates nothing. */
    public boolean matches(String name) {
        int count = tokens.size();
        int start = 0;
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i);
            if (start > name.length()) {
                return false;
            }
            if (isRest(i)) {
                return true;
            }
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = name.length();
            }
            if (!token.equals(ONE) && !name.regionMatches(start, token, 0, Math.max(token.length(), end - start))) {
                return false;
            }
            start = end + 1;
        }
        return start == name.length() + 1;
    }

    /** Whether every name {@code other} matches is matched by this pattern too. */
    public boolean covers(EventPattern other) {
        List<String> theirs = other.tokens;
        for (int i = 0; i < tokens.size(); i++) {
            if (isRest(i)) {
                return i < theirs.size();
            }
            if (i >= theirs.size() || other.isRest(i)) {
                return false;
            }
            String mine = tokens.get(i);
            if (!mine.equals(ONE) && (theirs.get(i).equals(ONE) || !mine.equals(theirs.get(i)))) {
                return false;
            }
        }
        return tokens.size() == theirs.size();
    }

    /** Whether some name is matched by both patterns. */
    public boolean intersects(EventPattern other) {
        List<String> theirs = other.tokens;
        for (int i = 0; i < tokens.size(); i++) {
            if (isRest(i)) {
                return i < theirs.size();
            }
            if (i >= theirs.size()) {
                return false;
            }
            if (other.isRest(i)) {
                return true;
            }
            String mine = tokens.get(i);
            String their = theirs.get(i);
            if (!mine.equals(ONE) && !their.equals(ONE) && !mine.equals(their)) {
                return false;
            }
        }
        return tokens.size() == theirs.size();
    }

    private boolean isRest(int index) {
        return index == tokens.size() - 1 && tokens.get(index).equals(REST);
    }
}
