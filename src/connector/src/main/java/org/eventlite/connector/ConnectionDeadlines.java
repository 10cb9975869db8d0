package org.eventlite.connector;

/**
 * The timers of one connection, loop thread only. Each kind is either unset
 * or due at a {@link System#nanoTime()} instant; the loop is armed for the
 * earliest. Kept in two small arrays indexed by kind.
 */
final class ConnectionDeadlines {

    /** In order of precedence when several are due at once. */
    enum Kind {
        /** The final reply is out; unread input has been drained long enough. */
        LINGER,
        /** Queued bytes made no progress for the write timeout: a slow consumer. */
        WRITE_STALL,
        /** A request began and did not complete within the request timeout. */
        REQUEST,
        /** A new connection completed no request (nor TLS handshake) within the first-request timeout. */
        FIRST_REQUEST,
        /** The pause after the reply to a subscribe line without terminator is over: frames may go. */
        FRAME_HOLD,
        /** A line without LF has been quiet for the grace period. */
        LINE_GRACE
    }

    private static final Kind[] KINDS = Kind.values();

    private final long[] at = new long[KINDS.length];
    private final boolean[] set = new boolean[KINDS.length];

    void set(Kind kind, long nanos) {
        at[kind.ordinal()] = nanos;
        set[kind.ordinal()] = true;
    }

    /** Sets the deadline only if it is not running already. */
    void start(Kind kind, long nanos) {
        if (!set[kind.ordinal()]) {
            set(kind, nanos);
        }
    }

    void clear(Kind kind) {
        set[kind.ordinal()] = false;
    }

    boolean any() {
        for (boolean armed : set) {
            if (armed) {
                return true;
            }
        }
        return false;
    }

    /** The earliest armed instant; call only when {@link #any()}. */
    long earliest() {
        long earliest = 0;
        boolean found = false;
        for (int i = 0; i < at.length; i++) {
            if (set[i] && (!found || at[i] - earliest < 0)) {
                earliest = at[i];
                found = true;
            }
        }
        return earliest;
    }

    /** The most urgent kind due at {@code now}, cleared; or null. */
    Kind takeDue(long now) {
        for (Kind kind : KINDS) {
            int i = kind.ordinal();
            if (set[i] && at[i] - now <= 0) {
                set[i] = false;
                return kind;
            }
        }
        return null;
    }
}
