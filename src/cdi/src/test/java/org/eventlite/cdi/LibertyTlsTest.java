package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.eventlite.connector.api.TlsSettings.ClientAuth;
import org.junit.jupiter.api.Test;

/** How the attributes of Liberty's {@code <ssl>} element become the TLS listener's behaviour. */
class LibertyTlsTest {

    private static Properties ssl(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void clientCertificatesAreRequiredAskedForOrNotAsTheSslElementSays() {
        assertEquals(ClientAuth.NONE, LibertyTls.clientAuth(ssl()));
        assertEquals(ClientAuth.WANT, LibertyTls.clientAuth(ssl("com.ibm.ssl.clientAuthenticationSupported", "true")));
        assertEquals(ClientAuth.NEED, LibertyTls.clientAuth(ssl("com.ibm.ssl.clientAuthentication", "true",
                "com.ibm.ssl.clientAuthenticationSupported", "true")));
    }

    @Test
    void namedVersionsAreEnabledAndAFamilyNameLeavesTheJvmsChoice() {
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"},
                LibertyTls.protocols(ssl("com.ibm.ssl.protocol", "TLSv1.3, TLSv1.2")));
        assertArrayEquals(new String[] {"TLSv1.3"}, LibertyTls.protocols(ssl("com.ibm.ssl.protocol", "TLSv1.3")));
        assertArrayEquals(new String[0], LibertyTls.protocols(ssl("com.ibm.ssl.protocol", "TLS")));
        assertArrayEquals(new String[0], LibertyTls.protocols(ssl()));
    }
}
