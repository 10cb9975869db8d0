package org.eventlite.cdi.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eventlite.cdi.access.EventFilter;
import org.eventlite.protocol.EventPattern;
import org.junit.jupiter.api.Test;

/** The index finds exactly what matching every subscription one by one finds, through any churn. */
class SubscriptionTrieTest {

    private static final String[] TOKENS = {"a", "b", "c", "ab", "*", ">"};

    private static String randomPattern(Random random) {
        int length = 1 + random.nextInt(5);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < length; i++) {
            String token = TOKENS[random.nextInt(i == length - 1 ? TOKENS.length : TOKENS.length - 1)];
            pattern.append(i == 0 ? "" : ".").append(token);
        }
        return pattern.toString();
    }

    private static String randomName(Random random) {
        int length = 1 + random.nextInt(6);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < length; i++) {
            name.append(i == 0 ? "" : ".").append(TOKENS[random.nextInt(4)]);
        }
        return name.toString();
    }

    private static Set<RegisteredSubscription> bruteForce(List<RegisteredSubscription> held, String name) {
        Set<RegisteredSubscription> matching = new HashSet<>();
        for (RegisteredSubscription subscription : held) {
            if (EventPattern.parse(subscription.pattern()).matches(name)) {
                matching.add(subscription);
            }
        }
        return matching;
    }

    @Test
    void matchesWhatEveryPatternMatchesThroughAddsAndRemoves() {
        Random random = new Random(20261130);
        for (int round = 0; round < 200; round++) {
            SubscriptionTrie trie = new SubscriptionTrie();
            List<RegisteredSubscription> held = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                if (held.isEmpty() || random.nextInt(3) > 0) {
                    RegisteredSubscription subscription = new RegisteredSubscription(randomPattern(random),
                            new RecordingConnection(step, "127.0.0.1"), EventFilter.ALL);
                    trie.add(subscription);
                    held.add(subscription);
                } else {
                    trie.remove(held.remove(random.nextInt(held.size())));
                }
                assertEquals(held.size(), trie.size());
                for (int probe = 0; probe < 5; probe++) {
                    String name = randomName(random);
                    assertEquals(bruteForce(held, name), new HashSet<>(trie.match(name)), "round " + round
                            + " step " + step + " name " + name + " held " + held.stream().map(RegisteredSubscription::pattern).toList());
                }
            }
            for (RegisteredSubscription subscription : held) {
                trie.remove(subscription);
            }
            assertEquals(0, trie.size());
            assertEquals(List.of(), trie.match("a.b.c"));
        }
    }
}
