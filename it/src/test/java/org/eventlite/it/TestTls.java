package org.eventlite.it;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The test server's TLS listener and the test certificate the build made (scripts/make-test-certificate.sh). */
final class TestTls {

    static final int PORT = Integer.getInteger("tls.port", 34344);
    static final Path KEYSTORE = Path.of(System.getProperty("tls.keystore", "target/tls/server.p12"));
    static final Path TRUSTSTORE = Path.of(System.getProperty("tls.truststore", "target/tls/truststore.p12"));
    static final String TRUSTSTORE_PASSWORD = System.getProperty("tls.truststore.password", "");

    private TestTls() {
    }

    /** A client context trusting what the trust store holds now (TlsIT adds a renewed certificate to it). */
    static SSLContext trustingTheTestCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TRUSTSTORE)) {
            trusted.load(in, TRUSTSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
