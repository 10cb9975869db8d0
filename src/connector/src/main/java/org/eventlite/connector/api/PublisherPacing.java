package org.eventlite.connector.api;

/**
 * A publisher that can be held back. While paused, a TCP publisher's requests are not read, so
 * TCP carries the wait back to the client as it does for a full socket: for a subscriber that
 * has no room now and will have some soon (the cluster link's queue), instead of losing events.
 */
public interface PublisherPacing {

    /** Publishers that cannot wait (HTTP, applications in the server): pausing them does nothing. */
    PublisherPacing NONE = new PublisherPacing() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };

    /**
     * Reads no more of this publisher's requests after the one being delivered, until
     * {@link #resume}. Called on the thread that delivers the publisher's event.
     */
    void pause();

    /** Reads this publisher's requests again; from any thread, any number of times. */
    void resume();
}
