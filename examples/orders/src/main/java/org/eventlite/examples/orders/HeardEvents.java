package org.eventlite.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The events the observer and the message-driven bean received, as JSON texts, in order. */
@ApplicationScoped
public class HeardEvents {

    private final List<String> byObserver = new CopyOnWriteArrayList<>();
    private final List<String> byBean = new CopyOnWriteArrayList<>();

    void observed(String json) {
        byObserver.add(json);
    }

    void received(String json) {
        byBean.add(json);
    }

    List<String> byObserver() {
        return List.copyOf(byObserver);
    }

    List<String> byBean() {
        return List.copyOf(byBean);
    }
}
