package org.eventlite.cdi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscriptions indexed for matching. Plain names, most subscriptions, sit in one
 * hash map by name: a token tree would cost a node per token for each of them.
 * Patterns are indexed by their tokens, as NATS's sublist does: a match walks one
 * path per wildcard branch, so its cost depends on the name's length and on the
 * subscriptions it matches, not on the ones it does not.
 * Not thread-safe; {@link SubscriptionRegistry} serialises access.
 */
final class SubscriptionTrie {

    /**
     * One token's place in the tree. Its collections are made when first needed and dropped when
     * emptied: most nodes of a long name are a single step, and an empty map and two empty sets
     * per token would cost several times the name itself.
     */
    private static final class Node {
        /** The only literal child and its token, while there is one; most nodes of a pattern have one. */
        String onlyToken;
        Node onlyChild;
        /** Children by literal token once there are two or more; null otherwise. */
        Map<String, Node> literals;
        Node anyOne;
        /** Subscriptions whose pattern ends here; null while there are none. */
        Set<Subscription> exact;
        /** Subscriptions whose pattern ends here with {@code >}, matching one or more further tokens; null while none. */
        Set<Subscription> rest;

        boolean isEmpty() {
            return onlyToken == null && literals == null && anyOne == null && exact == null && rest == null;
        }

        Set<Subscription> exact() {
            if (exact == null) {
                exact = new LinkedHashSet<>(2);
            }
            return exact;
        }

        Set<Subscription> rest() {
            if (rest == null) {
                rest = new LinkedHashSet<>(2);
            }
            return rest;
        }

        boolean removeExact(Subscription subscription) {
            boolean removed = exact != null && exact.remove(subscription);
            if (exact != null && exact.isEmpty()) {
                exact = null;
            }
            return removed;
        }

        boolean removeRest(Subscription subscription) {
            boolean removed = rest != null && rest.remove(subscription);
            if (rest != null && rest.isEmpty()) {
                rest = null;
            }
            return removed;
        }

        Node literal(String token) {
            if (onlyToken != null) {
                return onlyToken.equals(token) ? onlyChild : null;
            }
            return literals == null ? null : literals.get(token);
        }

        Node addLiteral(String token) {
            Node existing = literal(token);
            if (existing != null) {
                return existing;
            }
            Node child = new Node();
            if (onlyToken == null && literals == null) {
                onlyToken = token;
                onlyChild = child;
                return child;
            }
            if (literals == null) {
                literals = new HashMap<>(4);
                literals.put(onlyToken, onlyChild);
                onlyToken = null;
                onlyChild = null;
            }
            literals.put(token, child);
            return child;
        }

        void removeLiteral(String token) {
            if (token.equals(onlyToken)) {
                onlyToken = null;
                onlyChild = null;
            } else if (literals != null) {
                literals.remove(token);
                if (literals.isEmpty()) {
                    literals = null;
                }
            }
        }
    }

    private final Node root = new Node();
    /** Subscriptions to plain names, by name. */
    private final Map<String, Set<Subscription>> names = new HashMap<>();
    private int size;

    void add(Subscription subscription) {
        List<String> tokens = EventPattern.parse(subscription.pattern()).tokens();
        if (isPlainName(tokens)) {
            if (names.computeIfAbsent(subscription.pattern(), name -> new HashSet<>(2)).add(subscription)) {
                size++;
            }
            return;
        }
        Node node = root;
        int last = tokens.size() - 1;
        for (int i = 0; i < last; i++) {
            node = child(node, tokens.get(i));
        }
        boolean added = tokens.get(last).equals(EventPattern.REST)
                ? node.rest().add(subscription)
                : child(node, tokens.get(last)).exact().add(subscription);
        if (added) {
            size++;
        }
    }

    void remove(Subscription subscription) {
        List<String> tokens = EventPattern.parse(subscription.pattern()).tokens();
        if (isPlainName(tokens)) {
            Set<Subscription> same = names.get(subscription.pattern());
            if (same != null && same.remove(subscription)) {
                size--;
                if (same.isEmpty()) {
                    names.remove(subscription.pattern());
                }
            }
            return;
        }
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
        if (endsWithRest ? node.removeRest(subscription) : node.removeExact(subscription)) {
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
                parent.removeLiteral(token);
            }
        }
    }

    /** Every subscription whose pattern matches {@code name}, in no particular order. */
    List<Subscription> match(String name) {
        List<Subscription> found = new ArrayList<>();
        Set<Subscription> plain = names.get(name);
        if (plain != null) {
            found.addAll(plain);
        }
        if (!root.isEmpty()) {
            collect(root, name.split("\\.", -1), 0, found);
        }
        return found;
    }

    private static boolean isPlainName(List<String> tokens) {
        for (String token : tokens) {
            if (token.equals(EventPattern.ONE) || token.equals(EventPattern.REST)) {
                return false;
            }
        }
        return true;
    }

    private static void collect(Node node, String[] tokens, int index, List<Subscription> found) {
        if (index == tokens.length) {
            if (node.exact != null) {
                found.addAll(node.exact);
            }
            return;
        }
        if (node.rest != null) {
            found.addAll(node.rest);
        }
        Node literal = node.literal(tokens[index]);
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
        return node.addLiteral(token);
    }

    private static Node existingChild(Node node, String token) {
        return token.equals(EventPattern.ONE) ? node.anyOne : node.literal(token);
    }
}
