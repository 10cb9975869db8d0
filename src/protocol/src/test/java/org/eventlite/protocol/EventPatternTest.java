package org.eventlite.protocol;

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

    private record Pair(String first, String second, boolean expected) {
    }

    @Test
    void coversWhenEveryNameTheOtherMatchesItMatchesToo() {
        List<Pair> cases = List.of(
                new Pair(">", "a", true),
                new Pair(">", "a.*", true),
                new Pair(">", ">", true),
                new Pair("a.>", "a.b", true),
                new Pair("a.>", "a.*.c", true),
                new Pair("a.>", "a.>", true),
                new Pair("a.>", "a", false),
                new Pair("a.>", ">", false),
                new Pair("a.*", "a.b", true),
                new Pair("a.*", "a.*", true),
                new Pair("a.*", "a.>", false),
                new Pair("a.b", "a.*", false),
                new Pair("a.b", "a.b", true),
                new Pair("*.b", "a.b", true),
                new Pair("*.b", "a.c", false),
                new Pair("a.*", "a.b.c", false));
        for (Pair c : cases) {
            assertEquals(c.expected(), EventPattern.parse(c.first()).covers(EventPattern.parse(c.second())), c.toString());
        }
    }

    @Test
    void intersectsWhenSomeNameMatchesBoth() {
        List<Pair> cases = List.of(
                new Pair(">", "a", true),
                new Pair("a.>", "a", false),
                new Pair("a.>", "*.b", true),
                new Pair("a.>", "b.>", false),
                new Pair("a.*", "*.b", true),
                new Pair("a.*", "a.b.c", false),
                new Pair("a.*.c", "a.>", true),
                new Pair("a.b", "a.c", false),
                new Pair("a.b", "a.b", true),
                new Pair("*", "a.b", false),
                new Pair("a.secret.>", "a.*", false),
                new Pair("a.secret.>", "a.*.x", true));
        for (Pair c : cases) {
            EventPattern first = EventPattern.parse(c.first());
            EventPattern second = EventPattern.parse(c.second());
            assertEquals(c.expected(), first.intersects(second), c.toString());
            assertEquals(c.expected(), second.intersects(first), "symmetric: " + c);
        }
    }
}
