package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventPatternTest {

    private record Case(String pattern, String name, boolean matches) {
    }

    @Test
    void matchesNatsStyleWildcardsOverDotSeparatedTokens() {
        List<Case> cases = List.of(
                new Case("price", "price", true),
                new Case("price", "price.eur", false),
                new Case("price.*", "price.eur", true),
                new Case("price.*", "price", false),
                new Case("price.*", "price.eur.spot", false),
                new Case("price.>", "price.eur", true),
                new Case("price.>", "price.eur.spot", true),
                new Case("price.>", "price", false),
                new Case("*.eur", "price.eur", true),
                new Case("*.eur", "price.usd", false),
                new Case(">", "anything", true),
                new Case(">", "a.b.c", true),
                new Case("a.*.c", "a.b.c", true),
                new Case("a.*.c", "a.b.d", false),
                new Case("a.>.c", "a.>.c", true));
        for (Case c : cases) {
            assertEquals(c.matches(), EventPattern.parse(c.pattern()).matches(c.name()), c.toString());
        }
    }
}
