package org.eventlite.api;

/**
 * A listener added with {@link EventDispatcher#addEventListener} or
 * {@link EventLiteConnection#subscribe}; closing removes it.
 */
public interface EventSubscription extends AutoCloseable {

    /** The event name or pattern listened to; several are joined by commas. */
    String name();

    @Override
    void close();
}
