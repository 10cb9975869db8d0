package org.eventlite.examples.orders;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.eventlite.api.EventLiteMessageListener;

/** A message-driven bean that receives every event under {@code orders}, on the server's container threads. */
@MessageDriven(name = "OrderEvents", activationConfig = {
    @ActivationConfigProperty(propertyName = "subscribe", propertyValue = "orders.>")
})
public class OrderEventsBean implements EventLiteMessageListener {

    @Inject
    HeardEvents heard;

    @Override
    public void onEvent(String name, String json) {
        heard.received(json);
    }
}
