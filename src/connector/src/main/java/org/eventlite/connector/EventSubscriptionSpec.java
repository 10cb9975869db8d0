package org.eventlite.connector;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.util.ArrayList;
import java.util.List;
import org.eventlite.api.EventLiteMessageListener;
import org.eventlite.protocol.Credentials;

/**
 * What an application's message-driven bean subscribes to, from its activation config
 * ({@code subscribe=orders.>}) or server.xml, and as whom. Defaults bound what a stuck bean
 * may hold: 10,000 events or 8 MiB, past which it misses events.
 */
@Activation(messageListeners = EventLiteMessageListener.class)
public class EventSubscriptionSpec implements ActivationSpec {

    static final int DEFAULT_MAX_PENDING_EVENTS = 10_000;
    static final long DEFAULT_MAX_PENDING_BYTES = 8L * 1024 * 1024;

    private ResourceAdapter resourceAdapter;

    @ConfigProperty(description = "Event names or patterns (orders.*, price.>), separated by commas")
    private String subscribe;

    @ConfigProperty(defaultValue = "", description = "The user whose subscribe rules apply; empty for anonymous")
    private String user = "";

    @ConfigProperty(defaultValue = "", description = "That user's password", confidential = true)
    private String password = "";

    @ConfigProperty(defaultValue = "10000", description = "Events waiting for the bean at most; past it, events are missed")
    private Integer maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS;

    @ConfigProperty(defaultValue = "8388608", description = "Event bytes waiting for the bean at most; past it, events are missed")
    private Long maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;

    public String getSubscribe() {
        return subscribe;
    }

    public void setSubscribe(String subscribe) {
        this.subscribe = subscribe;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Integer getMaxPendingEvents() {
        return maxPendingEvents;
    }

    public void setMaxPendingEvents(Integer maxPendingEvents) {
        this.maxPendingEvents = maxPendingEvents;
    }

    public Long getMaxPendingBytes() {
        return maxPendingBytes;
    }

    public void setMaxPendingBytes(Long maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    /** The names and patterns, trimmed, empty entries left out. */
    List<String> patterns() {
        List<String> patterns = new ArrayList<>();
        if (subscribe != null) {
            for (String entry : subscribe.split(",")) {
                if (!entry.isBlank()) {
                    patterns.add(entry.strip());
                }
            }
        }
        return patterns;
    }

    Credentials credentials() {
        return new Credentials(user == null ? "" : user, password == null ? "" : password);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        if (patterns().isEmpty()) {
            throw new InvalidPropertyException("an EventLite message-driven bean needs the activation config property"
                    + " 'subscribe' (event names or patterns, separated by commas), was '" + subscribe + "'");
        }
        if (maxPendingEvents == null || maxPendingEvents < 1) {
            throw new InvalidPropertyException("maxPendingEvents must be at least 1, was " + maxPendingEvents);
        }
        if (maxPendingBytes == null || maxPendingBytes < 1) {
            throw new InvalidPropertyException("maxPendingBytes must be at least 1, was " + maxPendingBytes);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public String toString() {
        return "EventSubscriptionSpec[" + subscribe + " as " + credentials() + "]";
    }
}
