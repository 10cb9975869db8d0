package org.eventlite.client;

/** A listener added with {@link EventLiteClient#addEventListener}; closing it closes its connection. */
public interface Subscription extends AutoCloseable {

    String event();

    /** True while connected and acknowledged; false while reconnecting or after close. */
    boolean active();

    @Override
    void close();
}
