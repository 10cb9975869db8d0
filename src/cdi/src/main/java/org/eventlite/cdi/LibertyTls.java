package org.eventlite.cdi;

import com.ibm.websphere.ssl.Constants;
import com.ibm.websphere.ssl.JSSEHelper;
import com.ibm.websphere.ssl.SSLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.eventlite.connector.api.TlsSettings;
import org.eventlite.connector.api.TlsSettings.ClientAuth;

/**
 * The TLS listener's settings: {@code eventlite.tls.port} opens it, and its key, trust,
 * client-certificate and protocol settings are those of a Liberty {@code <ssl>} element
 * ({@code eventlite.tls.ssl-ref}, by default Liberty's {@code defaultSSLConfig}), so that
 * one {@code <keyStore>} with an encoded password serves HTTPS and the TCP listener alike,
 * and a renewed certificate serves the next connection without a restart.
 */
final class LibertyTls {

    /** Settings of earlier versions, refused with directions rather than silently ignored. */
    private static final List<String> REPLACED = List.of("eventlite.tls.keystore", "eventlite.tls.keystore-password",
            "eventlite.tls.keystore-type", "eventlite.tls.truststore", "eventlite.tls.truststore-password",
            "eventlite.tls.client-auth", "eventlite.tls.protocols");

    private static final Logger LOG = Logger.getLogger(LibertyTls.class.getName());

    private LibertyTls() {
    }

    /** Settings of earlier versions are refused with directions, rather than silently ignored. */
    static void refuseReplacedSettings(EventLiteConfig config) {
        for (String replaced : REPLACED) {
            if (config.isSet(replaced)) {
                throw new IllegalArgumentException(replaced + " is no longer read: put the key store in a Liberty"
                        + " <keyStore>, refer to it from an <ssl> element and name that element in "
                        + Settings.TLS_SSL_REF.key() + " (docs/tls.md)");
            }
        }
    }

    /** Empty unless {@code port} is set. */
    static Optional<TlsSettings> read(Optional<Integer> port, String sslRef) {
        return port.map(number -> new TlsSettings(number, new Engines(sslRef)::next));
    }

    /** {@code clientAuthentication} needs a certificate; {@code clientAuthenticationSupported} asks for one. */
    static ClientAuth clientAuth(Properties ssl) {
        if (Boolean.parseBoolean(ssl.getProperty(Constants.SSLPROP_CLIENT_AUTHENTICATION))) {
            return ClientAuth.NEED;
        }
        if (Boolean.parseBoolean(ssl.getProperty(Constants.SSLPROP_CLIENT_AUTHENTICATION_SUPPORTED))) {
            return ClientAuth.WANT;
        }
        return ClientAuth.NONE;
    }

    /**
     * The versions an {@code <ssl sslProtocol="...">} names; none for a family name such as
     * "TLS" (Liberty's default), which leaves the JVM's enabled versions (TLS 1.3 and 1.2).
     */
    static String[] protocols(Properties ssl) {
        String protocol = ssl.getProperty(Constants.SSLPROP_PROTOCOL, "");
        return Arrays.stream(protocol.split(","))
                .map(String::trim)
                .filter(name -> name.startsWith("TLSv"))
                .toArray(String[]::new);
    }

    /**
     * Engines of one {@code <ssl>} element as Liberty has it now: asked at each accept (a lookup in
     * Liberty's cache of contexts, next to a handshake's milliseconds), because a key store reload
     * replaces the context without telling an {@code SSLConfigChangeListener}.
     */
    private static final class Engines {

        private record Recipe(SSLContext context, ClientAuth clientAuth, String[] protocols) {
        }

        private static final Map<String, Object> INBOUND =
                Map.of(Constants.CONNECTION_INFO_DIRECTION, Constants.DIRECTION_INBOUND);

        private final String sslRef;
        private final AtomicReference<Recipe> lastGood = new AtomicReference<>();
        private final AtomicReference<String> lastProblem = new AtomicReference<>();

        Engines(String sslRef) {
            this.sslRef = sslRef;
            lastGood.set(load());
        }

        SSLEngine next() {
            Recipe recipe;
            try {
                recipe = load();
                lastGood.set(recipe);
                lastProblem.set(null);
            } catch (IllegalArgumentException e) {
                recipe = lastGood.get();
                if (!e.getMessage().equals(lastProblem.getAndSet(e.getMessage()))) {
                    LOG.log(Level.WARNING, "EventLite TLS listener keeps its previous settings: {0}", e.getMessage());
                }
            }
            return TlsSettings.serverEngine(recipe.context(), recipe.clientAuth(), recipe.protocols());
        }

        private Recipe load() {
            JSSEHelper helper;
            try {
                helper = JSSEHelper.getInstance();
            } catch (LinkageError e) {
                throw new IllegalArgumentException(Settings.TLS_PORT.key() + " needs Liberty's transportSecurity-1.0 feature",
                        e);
            }
            if (!helper.doesSSLConfigExist(sslRef)) {
                throw new IllegalArgumentException(Settings.TLS_SSL_REF.key() + " names <ssl id=\"" + sslRef
                        + "\">, which the server configuration does not define");
            }
            try {
                Properties ssl = helper.getProperties(sslRef, INBOUND, null);
                return new Recipe(helper.getSSLContext(sslRef, INBOUND, null), clientAuth(ssl), protocols(ssl));
            } catch (SSLException e) {
                throw new IllegalArgumentException("cannot use <ssl id=\"" + sslRef + "\"> for " + Settings.TLS_PORT.key() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
