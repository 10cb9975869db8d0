package org.eventlite.cdi.access;

import com.ibm.websphere.security.auth.callback.WSCallbackHandlerImpl;
import com.ibm.websphere.security.cred.WSCredential;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Checks passwords against the user registry configured in Liberty's
 * server.xml ({@code basicRegistry}, {@code ldapRegistry}, a custom or federated
 * registry) through Liberty's JAAS login {@code WSLogin}. Needs the
 * {@code appSecurity-5.0} feature. Jakarta Security's own
 * {@code IdentityStoreHandler} is not used for this because Liberty's consults
 * only application-defined identity stores, never the server's registry.
 */
final class LibertyRegistryVerifier implements PasswordVerifier {

    private static final Logger LOG = Logger.getLogger(LibertyRegistryVerifier.class.getName());
    private static final String LOGIN_CONFIGURATION = "WSLogin";

    /** Fails at start-up, not at the first client, when Liberty's security is not there to ask. */
    LibertyRegistryVerifier() {
        if (Configuration.getConfiguration().getAppConfigurationEntry(LOGIN_CONFIGURATION) == null) {
            throw new IllegalStateException("eventlite.identity-store=server needs Liberty's appSecurity-5.0 feature"
                    + " and a user registry (basicRegistry, ldapRegistry) in server.xml");
        }
    }

    @Override
    public Optional<Identity> verify(String username, String password) {
        try {
            LoginContext login = new LoginContext(LOGIN_CONFIGURATION, new WSCallbackHandlerImpl(username, password));
            login.login();
            Set<String> groups = new HashSet<>();
            String name = null;
            for (WSCredential credential : login.getSubject().getPublicCredentials(WSCredential.class)) {
                name = credential.getSecurityName();
                for (Object groupId : credential.getGroupIds()) {
                    groups.add(groupName(groupId.toString()));
                }
            }
            if (name == null) {
                LOG.log(Level.WARNING, "EventLite: the server''s user registry gave no name for {0}; refused", username);
                return Optional.empty();
            }
            return Optional.of(new Identity(name, Set.copyOf(groups)));
        } catch (LoginException e) {
            // Liberty reports a wrong password and an unreachable directory alike, and logs the latter itself.
            LOG.log(Level.FINE, "EventLite: the server''s user registry refused {0}: {1}",
                    new Object[] {username, e.getMessage()});
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.WARNING, e, () -> "EventLite could not read the groups of user " + username);
            return Optional.empty();
        }
    }

    /**
     * Liberty names groups {@code group:<realm>/<unique id>}: for a basic registry the
     * unique id is the group's name, for LDAP its distinguished name, of which
     * the first value ({@code cn=admins,ou=groups} gives {@code admins}) is used.
     */
    static String groupName(String groupId) {
        String id = groupId.startsWith("group:") && groupId.indexOf('/') > 0
                ? groupId.substring(groupId.indexOf('/') + 1) : groupId;
        int equals = id.indexOf('=');
        if (equals < 0) {
            return id;
        }
        int comma = id.indexOf(',', equals);
        return id.substring(equals + 1, comma < 0 ? id.length() : comma);
    }
}
