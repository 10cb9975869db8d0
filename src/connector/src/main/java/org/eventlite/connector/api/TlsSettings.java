package org.eventlite.connector.api;

import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The optional TLS listener: its own port on the listener's host, speaking
 * the same protocol inside TLS.
 *
 * @param port    the TLS port; 0 picks a free one
 * @param engines makes one server-mode engine per accepted connection; asked at each
 *                accept, so that a renewed certificate serves the next connection
 */
public record TlsSettings(int port, Supplier<SSLEngine> engines) {

    public enum ClientAuth { NONE, WANT, NEED }

    public TlsSettings {
        Objects.requireNonNull(engines, "engines");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TLS port must be 0 to 65535, was " + port);
        }
    }

    /** One engine per connection, in server mode. */
    public SSLEngine newEngine() {
        return engines.get();
    }

    /**
     * A server-mode engine of {@code context} asking for client certificates as told.
     *
     * @param protocols TLS versions allowed; empty keeps the JVM's enabled ones
     */
    public static SSLEngine serverEngine(SSLContext context, ClientAuth clientAuth, String... protocols) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        if (protocols.length > 0) {
            parameters.setProtocols(protocols.clone());
        }
        parameters.setNeedClientAuth(clientAuth == ClientAuth.NEED);
        if (clientAuth == ClientAuth.WANT) {
            parameters.setWantClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }
}
