package org.eventlite.cdi.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eventlite.protocol.EventPattern;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    private final Permissions rules = Permissions.parse(List.of("a.>", "b", "!a.secret.>", "!a.private"));

    @Test
    void aDenyRuleWinsOverAnAllowRule() {
        assertTrue(rules.permits("a.x"));
        assertTrue(rules.permits("b"));
        assertFalse(rules.permits("a.private"));
        assertFalse(rules.permits("a.secret.plans"));
        assertFalse(rules.permits("c"), "nothing is permitted that no allow rule matches");
    }

    @Test
    void aPatternIsSubscribableWhenSomeOfItsNamesArePermitted() {
        assertTrue(rules.permitsSome(EventPattern.parse("a.*")));
        assertTrue(rules.permitsSome(EventPattern.parse(">")));
        assertFalse(rules.permitsSome(EventPattern.parse("a.secret.>")), "wholly denied");
        assertFalse(rules.permitsSome(EventPattern.parse("a.private")));
        assertFalse(rules.permitsSome(EventPattern.parse("c.*")), "no allow rule reaches it");
    }

    @Test
    void aSubscriberToAPatternReceivesOnlyPermittedNames() {
        assertSame(EventFilter.ALL, rules.within(EventPattern.parse("a.x.*")), "no name to check");
        EventFilter wide = rules.within(EventPattern.parse(">"));
        assertTrue(wide.accepts("a.x"));
        assertTrue(wide.accepts("b"));
        assertFalse(wide.accepts("c"));
        assertFalse(wide.accepts("a.secret.plans"));
        assertFalse(rules.within(EventPattern.parse("a.*")).accepts("a.private"));
    }

    @Test
    void groupRulesAddUpAndTheirDenialsStillWin() {
        Permissions user = Permissions.parse(List.of("c"));
        Permissions combined = user.plus(rules);
        assertTrue(combined.permits("c"));
        assertTrue(combined.permits("a.x"));
        assertFalse(combined.permits("a.private"));
        assertEquals(2, combined.denied().size());
    }
}
