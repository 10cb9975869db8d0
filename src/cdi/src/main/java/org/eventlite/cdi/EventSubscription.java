package org.eventlite.cdi;

/** An in-server listener added with {@link EventDispatcher#addEventListener}; closing removes it. */
public interface EventSubscription extends AutoCloseable {

    /** The event name or pattern listened to. */
    String name();

    @Override
    void close();
}
