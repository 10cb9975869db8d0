package org.eventlite.cdi.access;

import java.util.ArrayList;
import java.util.List;
import org.eventlite.protocol.EventPattern;

/**
 * What one principal may publish or subscribe to: allow patterns, and deny
 * patterns (written with a leading {@code !}) that win over any allow.
 * Nothing is permitted that no allow pattern matches.
 */
record Permissions(List<EventPattern> allowed, List<EventPattern> denied) {

    static final Permissions NONE = new Permissions(List.of(), List.of());

    /** @param entries patterns, each optionally prefixed with {@code !} to deny */
    static Permissions parse(List<String> entries) {
        List<EventPattern> allowed = new ArrayList<>();
        List<EventPattern> denied = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith("!")) {
                denied.add(EventPattern.parse(entry.substring(1)));
            } else {
                allowed.add(EventPattern.parse(entry));
            }
        }
        return new Permissions(List.copyOf(allowed), List.copyOf(denied));
    }

    /** Both sets of rules: a deny from either wins. */
    Permissions plus(Permissions other) {
        List<EventPattern> allowedBoth = new ArrayList<>(allowed);
        allowedBoth.addAll(other.allowed);
        List<EventPattern> deniedBoth = new ArrayList<>(denied);
        deniedBoth.addAll(other.denied);
        return new Permissions(List.copyOf(allowedBoth), List.copyOf(deniedBoth));
    }

    /** For one event name. */
    boolean permits(String event) {
        for (EventPattern deny : denied) {
            if (deny.matches(event)) {
                return false;
            }
        }
        for (EventPattern allow : allowed) {
            if (allow.matches(event)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a subscription to a name or pattern: refused when no allow rule reaches
     * any name it matches, or a deny rule takes all of them.
     */
    boolean permitsSome(EventPattern subscription) {
        for (EventPattern deny : denied) {
            if (deny.covers(subscription)) {
                return false;
            }
        }
        for (EventPattern allow : allowed) {
            if (allow.intersects(subscription)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which of a permitted subscription's events may be received: all of them when one
     * allow rule covers the pattern and no deny rule touches it, else each name is checked.
     */
    EventFilter within(EventPattern subscription) {
        for (EventPattern deny : denied) {
            if (deny.intersects(subscription)) {
                return this::permits;
            }
        }
        for (EventPattern allow : allowed) {
            if (allow.covers(subscription)) {
                return EventFilter.ALL;
            }
        }
        return this::permits;
    }
}
