package org.eventlite.connector.api;

import org.eventlite.api.EventOrigin;
import org.eventlite.protocol.EventJson;

/**
 * One accepted event on its way to subscribers: its JSON, and its wire frame made on first
 * need, so that the frame is encoded once for every TCP subscriber and not at all when only
 * in-server subscribers receive the event. Used by the publishing thread only.
 */
public final class Delivery {

    private final String name;
    private final EventJson json;
    private final EventOrigin origin;
    private final PublisherPacing publisher;
    private Frame frame;
    private String text;

    /** An event from a publisher that cannot be held back. */
    public Delivery(String name, EventJson json, EventOrigin origin) {
        this(name, json, origin, PublisherPacing.NONE);
    }

    /** @param publisher how the event's publisher can be held back, by a subscriber with no room for more */
    public Delivery(String name, EventJson json, EventOrigin origin, PublisherPacing publisher) {
        this.name = name;
        this.json = json;
        this.origin = origin;
        this.publisher = publisher;
    }

    public String name() {
        return name;
    }

    public EventJson json() {
        return json;
    }

    public EventOrigin origin() {
        return origin;
    }

    /** How the publisher can be held back; {@link PublisherPacing#NONE} if it cannot. */
    public PublisherPacing publisher() {
        return publisher;
    }

    /** The JSON as a string, made once for every in-server subscriber. */
    public String text() {
        if (text == null) {
            text = json.toString();
        }
        return text;
    }

    /** The frame every TCP subscriber shares. */
    public Frame frame() {
        if (frame == null) {
            frame = Frame.of(json);
        }
        return frame;
    }

    /** Every subscriber has had the event: its frame's buffer can be used again once they have written it. */
    public void delivered() {
        if (frame != null) {
            frame.delivered();
        }
    }
}
