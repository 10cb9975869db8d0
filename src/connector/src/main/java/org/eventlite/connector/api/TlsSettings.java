package org.eventlite.connector.api;

import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The optional TLS listener: its own port on the listener's host, speaking
 * the same protocol inside TLS.
 *
 * @param port       the TLS port; 0 picks a free one
 * @param context    holds the server's key (and, for client certificates, the trusted issuers)
 * @param clientAuth whether clients must present a certificate
 * @param protocols  TLS versions allowed, newest first
 */
public record TlsSettings(int port, SSLContext context, ClientAuth clientAuth, String[] protocols) {

    public enum ClientAuth { NONE, WANT, NEED }

    public TlsSettings {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(clientAuth, "clientAuth");
        protocols = protocols.clone();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("eventlite.tls.port must be 0 to 65535, was " + port);
        }
    }

    /** One engine per connection, in server mode. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols.clone());
        parameters.setNeedClientAuth(clientAuth == ClientAuth.NEED);
        if (clientAuth == ClientAuth.WANT) {
            parameters.setWantClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public String[] protocols() {
        return protocols.clone();
    }
}
