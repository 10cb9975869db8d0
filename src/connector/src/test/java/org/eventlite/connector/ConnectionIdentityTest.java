package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.Set;
import javax.security.auth.Subject;
import org.eventlite.protocol.Credentials;
import org.junit.jupiter.api.Test;

/**
 * Which identity a pooled connection publishes as: the one the application asks for, else the
 * container's sign-on for the factory, else the factory's configured user, else anonymous; and a
 * pooled connection is reused only for the same identity.
 */
class ConnectionIdentityTest {

    private static EventLiteManagedConnectionFactory factory(String user, String password) {
        EventLiteManagedConnectionFactory factory = new EventLiteManagedConnectionFactory();
        factory.setUser(user);
        factory.setPassword(password);
        return factory;
    }

    private static Subject signedOn(EventLiteManagedConnectionFactory factory, String user, String password) {
        PasswordCredential credential = new PasswordCredential(user, password.toCharArray());
        credential.setManagedConnectionFactory(factory);
        Subject subject = new Subject();
        subject.getPrivateCredentials().add(credential);
        return subject;
    }

    private static Credentials identity(ManagedConnection connection) {
        return ((ManagedPublisherConnection) connection).credentials();
    }

    @Test
    void theApplicationsRequestWinsThenTheContainersSignOnThenTheConfiguredUser() {
        EventLiteManagedConnectionFactory factory = factory("configured", "c-secret");
        Subject container = signedOn(factory, "container", "s-secret");
        IdentityRequest asked = new IdentityRequest(new Credentials("asked", "a-secret"));

        assertEquals(new Credentials("asked", "a-secret"), identity(factory.createManagedConnection(container, asked)));
        assertEquals(new Credentials("container", "s-secret"), identity(factory.createManagedConnection(container, null)));
        assertEquals(new Credentials("configured", "c-secret"), identity(factory.createManagedConnection(null, null)));
        assertEquals(Credentials.ANONYMOUS, identity(factory("", "").createManagedConnection(null, null)));
    }

    @Test
    void aSignOnForAnotherFactoryIsNotTaken() {
        EventLiteManagedConnectionFactory factory = factory("configured", "c-secret");
        Subject forOther = signedOn(factory("other", "o-secret"), "container", "s-secret");

        assertEquals(new Credentials("configured", "c-secret"), identity(factory.createManagedConnection(forOther, null)));
    }

    @Test
    void aPooledConnectionIsReusedOnlyForTheSameIdentity() {
        EventLiteManagedConnectionFactory factory = factory("", "");
        ManagedConnection alice = factory.createManagedConnection(null, new IdentityRequest(new Credentials("alice", "a")));
        ManagedConnection anonymous = factory.createManagedConnection(null, null);

        assertSame(alice, factory.matchManagedConnections(Set.of(alice, anonymous), null,
                new IdentityRequest(new Credentials("alice", "a"))));
        assertSame(anonymous, factory.matchManagedConnections(Set.of(alice, anonymous), null, null));
        assertNull(factory.matchManagedConnections(Set.of(alice, anonymous), null,
                new IdentityRequest(new Credentials("alice", "wrong"))));
    }
}
