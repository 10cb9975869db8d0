package org.eventlite.cdi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eventlite.connector.api.TlsSettings;

/**
 * Builds the TLS listener's settings from {@code eventlite.tls.*}: a key store
 * with the server's key and certificate, and optionally a trust store of the
 * issuers of client certificates. Every problem is reported naming the setting,
 * never the password.
 */
final class TlsContexts {

    static final String PORT = "eventlite.tls.port";
    static final String KEYSTORE = "eventlite.tls.keystore";
    static final String KEYSTORE_PASSWORD = "eventlite.tls.keystore-password";
    static final String KEYSTORE_TYPE = "eventlite.tls.keystore-type";
    static final String TRUSTSTORE = "eventlite.tls.truststore";
    static final String TRUSTSTORE_PASSWORD = "eventlite.tls.truststore-password";
    static final String CLIENT_AUTH = "eventlite.tls.client-auth";
    static final String PROTOCOLS = "eventlite.tls.protocols";

    private TlsContexts() {
    }

    /** Empty unless {@code eventlite.tls.port} is set. */
    static Optional<TlsSettings> read(EventLiteConfig config) {
        Optional<String> port = config.string(PORT);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        int number;
        try {
            number = Integer.parseInt(port.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a port number, was '" + port.get() + "'", e);
        }
        String keystore = config.string(KEYSTORE).orElseThrow(() -> new IllegalArgumentException(
                PORT + " is set, so " + KEYSTORE + " must name the key store holding the server's key"));
        String type = config.string(KEYSTORE_TYPE).orElse("PKCS12");
        char[] keyPassword = config.string(KEYSTORE_PASSWORD).orElse("").toCharArray();
        TlsSettings.ClientAuth clientAuth = clientAuth(config);
        Optional<String> truststore = config.string(TRUSTSTORE);
        if (clientAuth != TlsSettings.ClientAuth.NONE && truststore.isEmpty()) {
            throw new IllegalArgumentException(CLIENT_AUTH + "=" + clientAuth.name().toLowerCase()
                    + " needs " + TRUSTSTORE + ", the issuers of client certificates");
        }
        List<String> protocols = config.list(PROTOCOLS);
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(KEYSTORE, keystore, type, keyPassword), keyPassword);
            TrustManagerFactory trust = null;
            if (truststore.isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(TRUSTSTORE, truststore.get(), type,
                        config.string(TRUSTSTORE_PASSWORD).orElse("").toCharArray()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return Optional.of(new TlsSettings(number, context, clientAuth,
                    protocols.isEmpty() ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols.toArray(String[]::new)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + KEYSTORE + " " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String setting, String path, String type, char[] password) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + type + " store " + path + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); is the password right?", e);
        }
    }

    private static TlsSettings.ClientAuth clientAuth(EventLiteConfig config) {
        String text = config.string(CLIENT_AUTH).orElse("none");
        try {
            return TlsSettings.ClientAuth.valueOf(text.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CLIENT_AUTH + " must be none, want or need, was '" + text + "'", e);
        }
    }
}
