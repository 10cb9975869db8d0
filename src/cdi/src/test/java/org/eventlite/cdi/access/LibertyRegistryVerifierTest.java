package org.eventlite.cdi.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LibertyRegistryVerifierTest {

    @Test
    void groupNamesAreTheBasicRegistrysNamesAndTheFirstValueOfAnLdapName() {
        assertEquals("auditors", LibertyRegistryVerifier.groupName("group:EventLiteTest/auditors"));
        assertEquals("admins", LibertyRegistryVerifier.groupName("group:ldap.example.com:389/cn=admins,ou=groups,o=acme"));
        assertEquals("admins", LibertyRegistryVerifier.groupName("cn=admins"));
        assertEquals("plain", LibertyRegistryVerifier.groupName("plain"));
    }
}
