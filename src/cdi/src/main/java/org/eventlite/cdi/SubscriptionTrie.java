package org.eventlite.cdi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscriptions indexed by their pattern's tokens, as NATS's sublist does: a
 * match walks one path per wildcard branch, so its cost depends on the name's
 * length and on the subscriptions it matches, not on the ones it does not.
 * Not thread-safe; {@link SubscriptionRegistry} serialises access.
 */
final class SubscriptionTrie {

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node anyOne;
        /** Subscriptions whose pattern ends here. */
        final Set<Subscription> exact = new LinkedHashSet<>();
        /** Subscriptions whose pattern ends here with {@code >}: they match one or more further tokens. */
        final Set<Subscription> rest = new LinkedHashSet<>();

        boolean isEmpty() {
            return literals.isEmpty() && anyOne == null && exact.isEmpty() && rest.isEmpty();
        }
    }

    private final Node root = new Node();
    private int size;

    void add(Subscription subscription) {
        List<String> tokens = EventPattern.parse(subscription.pattern()).tokens();
        Node node = root;
        int last = tokens.size() - 1;
        for (int i = 0; i < last; i++) {
            node = child(node, tokens.get(i));
        }
        boolean added = tokens.get(last).equals(EventPattern.REST)
                ? node.rest.add(subscription)
                : child(node, tokens.get(last)).exact.add(subscription);
        if (added) {
            size++;
        }
    }

    void remove(Subscription subscription) {
        List<String> tokens = EventPattern.parse(subscription.pattern()).tokens();
        List<Node> path = new ArrayList<>(tokens.size() + 1);
        Node node = root;
        path.add(node);
        boolean endsWithRest = tokens.get(tokens.size() - 1).equals(EventPattern.REST);
        int steps = endsWithRest ? tokens.size() - 1 : tokens.size();
        for (int i = 0; i < steps && node != null; i++) {
            node = existingChild(node, tokens.get(i));
            path.add(node);
        }
        if (node == null) {
            return;
        }
        if (endsWithRest ? node.rest.remove(subscription) : node.exact.remove(subscription)) {
            size--;
        }
        prune(path, tokens);
    }

    /** Drops the nodes left empty, from the leaf up, so that churn leaves nothing behind. */
    private static void prune(List<Node> path, List<String> tokens) {
        for (int i = path.size() - 1; i > 0; i--) {
            Node node = path.get(i);
            if (!node.isEmpty()) {
                return;
            }
            Node parent = path.get(i - 1);
            String token = tokens.get(i - 1);
            if (token.equals(EventPattern.ONE)) {
                parent.anyOne = null;
            } else {
                parent.literals.remove(token);
            }
        }
    }

    /** Every subscription whose pattern matches {@code name}, in no particular order. */
    List<Subscription> match(String name) {
        List<Subscription> found = new ArrayList<>();
        collect(root, name.split("\\.", -1), 0, found);
        return found;
    }

    private static void collect(Node node, String[] tokens, int index, List<Subscription> found) {
        if (index == tokens.length) {
            found.addAll(node.exact);
            return;
        }
        found.addAll(node.rest);
        Node literal = node.literals.get(tokens[index]);
        if (literal != null) {
            collect(literal, tokens, index + 1, found);
        }
        if (node.anyOne != null) {
            collect(node.anyOne, tokens, index + 1, found);
        }
    }

    int size() {
        return size;
    }

    private static Node child(Node node, String token) {
        if (token.equals(EventPattern.ONE)) {
            if (node.anyOne == null) {
                node.anyOne = new Node();
            }
            return node.anyOne;
        }
        return node.literals.computeIfAbsent(token, t -> new Node());
    }

    private static Node existingChild(Node node, String token) {
        return token.equals(EventPattern.ONE) ? node.anyOne : node.literals.get(token);
    }
}
