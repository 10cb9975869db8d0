package org.eventlite.cdi.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Artemis URL is shown in the log and the readiness data; passwords in it are not. */
class ArtemisUrlTest {

    @Test
    void everyPasswordParameterIsMaskedAndTheRestKept() {
        assertEquals("(tcp://a:61616,tcp://b:61616)?ha=true&sslEnabled=true&trustStorePath=/t.p12"
                        + "&trustStorePassword=***&keyStorePassword=***",
                ClusterBridge.withoutPasswords("(tcp://a:61616,tcp://b:61616)?ha=true&sslEnabled=true"
                        + "&trustStorePath=/t.p12&trustStorePassword=s3cret&keyStorePassword=other"));
        assertEquals("tcp://a:61616?password=***;user=x", ClusterBridge.withoutPasswords("tcp://a:61616?password=pw;user=x"));
        assertEquals("tcp://a:61616", ClusterBridge.withoutPasswords("tcp://a:61616"));
    }
}
