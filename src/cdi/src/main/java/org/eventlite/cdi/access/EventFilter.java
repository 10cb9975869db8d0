package org.eventlite.cdi.access;

/**
 * Which of the events matching a subscription its subscriber may receive.
 * Asked when the registry first routes an event name, not per delivery:
 * the answer for a name is cached until the subscriptions change.
 */
@FunctionalInterface
public interface EventFilter {

    /** Every event the subscription matches. */
    EventFilter ALL = event -> true;

    boolean accepts(String event);
}
