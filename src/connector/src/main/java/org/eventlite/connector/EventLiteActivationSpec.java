package org.eventlite.connector;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.net.InetSocketAddress;
import org.eventlite.connector.api.EventLiteListener;

/**
 * Where one listener binds. Set in server.xml from the Liberty variables
 * {@code eventlite.host} and {@code eventlite.port}, which MicroProfile Config
 * sees too, so each value is set once. Every other setting comes from the
 * application's configuration through {@code ConnectionHandler#settings()};
 * server.xml also passes their values, joined, as {@code settingsRevision},
 * only so that Liberty notices a change and re-activates the listener (and
 * restarts the application, which reads the settings afresh).
 */
@Activation(messageListeners = EventLiteListener.class)
public class EventLiteActivationSpec implements ActivationSpec {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 34343;

    private ResourceAdapter resourceAdapter;

    @ConfigProperty(defaultValue = DEFAULT_HOST, description = "Address to listen on; 0.0.0.0 for every interface")
    private String host = DEFAULT_HOST;

    @ConfigProperty(defaultValue = "34343", description = "TCP port to listen on; 0 picks a free port")
    private Integer port = DEFAULT_PORT;

    @ConfigProperty(defaultValue = "", description = "The values of every other EventLite setting, joined;"
            + " Liberty re-activates the listener when this changes, so new settings apply without a restart")
    private String settingsRevision = "";

    public String getSettingsRevision() {
        return settingsRevision;
    }

    public void setSettingsRevision(String settingsRevision) {
        this.settingsRevision = settingsRevision;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        if (host == null || host.isBlank()) {
            throw new InvalidPropertyException("host must name an address, was '" + host + "'");
        }
        if (port == null || port < 0 || port > 65535) {
            throw new InvalidPropertyException("port must be 0 to 65535, was " + port);
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
        return "EventLiteActivationSpec[" + host + ":" + port + "]";
    }
}
