package org.eventlite.connector;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.eventlite.api.EventLiteMessageListener;

/**
 * Hands one event to an application's message-driven bean: an endpoint from the container
 * (with the application's context and a bean from its pool), one call, released at once.
 */
final class BeanCaller implements EventLiteMessageListener {

    private final MessageEndpointFactory factory;

    BeanCaller(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public void onEvent(String name, String json) {
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (UnavailableException e) {
            throw new IllegalStateException("the message-driven bean " + factory.getActivationName()
                    + " is unavailable; event '" + name + "' is not delivered to it", e);
        }
        try {
            ((EventLiteMessageListener) endpoint).onEvent(name, json);
        } finally {
            endpoint.release();
        }
    }
}
