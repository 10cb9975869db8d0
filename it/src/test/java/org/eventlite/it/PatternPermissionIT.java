package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Permission patterns with deny rules (carol: subscribe perm.>, !perm.secret,
 * !perm.secret.>). Denials come from 127.0.0.3, so that they count against
 * that address's throttling budget and not the other tests'.
 */
class PatternPermissionIT {

    private static final String ADDRESS = "127.0.0.3";

    @Test
    void anAllowedPatternReceivesOnlyTheEventsItsSubscriberMayReceive() throws Exception {
        try (RawClient carol = RawClient.connectFrom(ADDRESS); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", carol.subscribe("perm.>", TestServer.CAROL));
            for (String name : new String[] {"perm.open", "perm.secret", "perm.secret.plans", "perm.open.x"}) {
                assertEquals("ok", publisher.publish(name, TestServer.ANONYMOUS, "{}"));
            }
            assertEquals("{\"event\":\"perm.open\"}", carol.readEventJson());
            assertEquals("{\"event\":\"perm.open.x\"}", carol.readEventJson(), "the denied ones were skipped");
        }
    }

    @Test
    void aPatternOutsideTheAllowRulesIsDenied() throws Exception {
        try (RawClient carol = RawClient.connectFrom(ADDRESS)) {
            assertEquals("permission denied", carol.subscribe("other.*", TestServer.CAROL));
            assertEquals("permission denied", carol.subscribe("perm.*", "carol|wrong-password"));
        }
    }

    @Test
    void aDenyRuleWinsOverTheAllowRuleThatCoversIt() throws Exception {
        try (RawClient carol = RawClient.connectFrom(ADDRESS)) {
            assertEquals("permission denied", carol.subscribe("perm.secret", TestServer.CAROL));
            assertEquals("permission denied", carol.subscribe("perm.secret.>", TestServer.CAROL));
            assertEquals("ok", carol.subscribe("perm.*", TestServer.CAROL), "the connection stays usable");
        }
    }
}
