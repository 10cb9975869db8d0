package org.eventlite.cdi.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventlite.protocol.EventPattern;

/**
 * Subscriptions indexed for matching. Plain names, most subscriptions, sit in one
 * hash map by name. Patterns sit in a tree of token runs, as NATS's sublist does
 * but with runs that do not branch kept in one node: a match walks one path per
 * wildcard branch, so its cost depends on the name's length and on the
 * subscriptions it matches, not on the ones it does not, and a long pattern costs
 * one node and one string rather than a node per token.
 * Not thread-safe; {@link SubscriptionRegistry} serialises access.
 */
final class SubscriptionTrie {

    /**
     * A run of tokens with no branch in it. Its collections are made when first needed and
     * dropped when emptied.
     */
    private static final class Node {
        /** The run's tokens joined by dots; empty at the root. {@code *} stands for any one token. */
        String label;
        int labelTokens;
        /** The only child and the first token of its run, while there is one; most nodes have one. */
        String onlyKey;
        Node onlyChild;
        /** Children by the first token of their run once there are two or more; null otherwise. */
        Map<String, Node> children;
        /** Subscriptions whose pattern ends with this run. */
        Set<RegisteredSubscription> exact;
        /** Subscriptions whose pattern is this run's path then {@code >}: one or more further tokens. */
        Set<RegisteredSubscription> rest;

        Node(String label, int labelTokens) {
            this.label = label;
            this.labelTokens = labelTokens;
        }

        Node child(String firstToken) {
            if (onlyKey != null) {
                return onlyKey.equals(firstToken) ? onlyChild : null;
            }
            return children == null ? null : children.get(firstToken);
        }

        void putChild(String firstToken, Node child) {
            if (onlyKey != null && onlyKey.equals(firstToken) || onlyKey == null && children == null) {
                onlyKey = firstToken;
                onlyChild = child;
                return;
            }
            if (children == null) {
                children = new HashMap<>(4);
                children.put(onlyKey, onlyChild);
                onlyKey = null;
                onlyChild = null;
            }
            children.put(firstToken, child);
        }

        void removeChild(String firstToken) {
            if (firstToken.equals(onlyKey)) {
                onlyKey = null;
                onlyChild = null;
            } else if (children != null) {
                children.remove(firstToken);
                if (children.size() == 1) {
                    Map.Entry<String, Node> last = children.entrySet().iterator().next();
                    onlyKey = last.getKey();
                    onlyChild = last.getValue();
                    children = null;
                }
            }
        }

        int childCount() {
            return onlyKey != null ? 1 : children == null ? 0 : children.size();
        }

        Node anyChild() {
            return onlyKey != null ? onlyChild : children.values().iterator().next();
        }

        boolean holdsSubscriptions() {
            return exact != null || rest != null;
        }
    }

    private final Node root = new Node("", 0);
    /** Subscriptions to plain names, by name. */
    private final Map<String, Set<RegisteredSubscription>> names = new HashMap<>();
    private int size;

    void add(RegisteredSubscription subscription) {
        EventPattern pattern = EventPattern.parse(subscription.pattern());
        List<String> tokens = pattern.tokens();
        if (!pattern.hasWildcard()) {
            if (names.computeIfAbsent(subscription.pattern(), name -> new HashSet<>(2)).add(subscription)) {
                size++;
            }
            return;
        }
        boolean endsWithRest = tokens.get(tokens.size() - 1).equals(EventPattern.REST);
        int body = endsWithRest ? tokens.size() - 1 : tokens.size();
        Node node = root;
        int at = 0;
        while (at < body) {
            Node child = node.child(tokens.get(at));
            if (child == null) {
                child = new Node(String.join(".", tokens.subList(at, body)), body - at);
                node.putChild(tokens.get(at), child);
                node = child;
                break;
            }
            int common = commonTokens(child, tokens, at, body);
            if (common < child.labelTokens) {
                child = split(node, child, common);
            }
            node = child;
            at += common;
        }
        Set<RegisteredSubscription> into;
        if (endsWithRest) {
            into = node.rest == null ? (node.rest = new LinkedHashSet<>(2)) : node.rest;
        } else {
            into = node.exact == null ? (node.exact = new LinkedHashSet<>(2)) : node.exact;
        }
        if (into.add(subscription)) {
            size++;
        }
    }

    void remove(RegisteredSubscription subscription) {
        EventPattern pattern = EventPattern.parse(subscription.pattern());
        List<String> tokens = pattern.tokens();
        if (!pattern.hasWildcard()) {
            Set<RegisteredSubscription> same = names.get(subscription.pattern());
            if (same != null && same.remove(subscription)) {
                size--;
                if (same.isEmpty()) {
                    names.remove(subscription.pattern());
                }
            }
            return;
        }
        boolean endsWithRest = tokens.get(tokens.size() - 1).equals(EventPattern.REST);
        int body = endsWithRest ? tokens.size() - 1 : tokens.size();
        List<Node> path = new ArrayList<>();
        path.add(root);
        Node node = root;
        for (int at = 0; at < body; ) {
            Node child = node.child(tokens.get(at));
            if (child == null || commonTokens(child, tokens, at, body) != child.labelTokens) {
                return;
            }
            node = child;
            path.add(node);
            at += child.labelTokens;
        }
        Set<RegisteredSubscription> from = endsWithRest ? node.rest : node.exact;
        if (from == null || !from.remove(subscription)) {
            return;
        }
        size--;
        if (from.isEmpty()) {
            if (endsWithRest) {
                node.rest = null;
            } else {
                node.exact = null;
            }
        }
        tidy(path);
    }

    /** Every subscription whose pattern matches {@code name}, in no particular order. */
    List<RegisteredSubscription> match(String name) {
        List<RegisteredSubscription> found = new ArrayList<>();
        Set<RegisteredSubscription> plain = names.get(name);
        if (plain != null) {
            found.addAll(plain);
        }
        if (root.holdsSubscriptions() || root.childCount() > 0) {
            collect(root, name.split("\\.", -1), 0, found);
        }
        return found;
    }

    int size() {
        return size;
    }

    /** {@code node}'s run is matched and {@code tokens[at]} is the next token of the name. */
    private static void collect(Node node, String[] tokens, int at, List<RegisteredSubscription> found) {
        if (at == tokens.length) {
            if (node.exact != null) {
                found.addAll(node.exact);
            }
            return;
        }
        if (node.rest != null) {
            found.addAll(node.rest);
        }
        visit(node.child(tokens[at]), tokens, at, found);
        visit(node.child(EventPattern.ONE), tokens, at, found);
    }

    private static void visit(Node child, String[] tokens, int at, List<RegisteredSubscription> found) {
        if (child == null) {
            return;
        }
        int next = matchRun(child.label, tokens, at);
        if (next >= 0) {
            collect(child, tokens, next, found);
        }
    }

    /** @return the index of the name's token after the run, or -1 if the run does not match there */
    private static int matchRun(String label, String[] tokens, int at) {
        int start = 0;
        int index = at;
        while (start <= label.length()) {
            int end = label.indexOf('.', start);
            if (end < 0) {
                end = label.length();
            }
            if (index == tokens.length) {
                return -1;
            }
            int length = end - start;
            boolean any = length == 1 && label.charAt(start) == '*';
            String token = tokens[index];
            if (!any && (token.length() != length || !label.regionMatches(start, token, 0, length))) {
                return -1;
            }
            index++;
            start = end + 1;
        }
        return index;
    }

    /** How many of {@code child}'s run tokens equal {@code tokens[at, body)}, one for one, wildcards literally. */
    private static int commonTokens(Node child, List<String> tokens, int at, int body) {
        int start = 0;
        int common = 0;
        String label = child.label;
        while (common < child.labelTokens && at + common < body) {
            int end = label.indexOf('.', start);
            if (end < 0) {
                end = label.length();
            }
            String token = tokens.get(at + common);
            if (token.length() != end - start || !label.regionMatches(start, token, 0, token.length())) {
                break;
            }
            common++;
            start = end + 1;
        }
        return common;
    }

    /** Cuts {@code child}'s run after {@code tokens} tokens; @return the new node for the first part */
    private static Node split(Node parent, Node child, int tokens) {
        int cut = -1;
        for (int i = 0; i < tokens; i++) {
            cut = child.label.indexOf('.', cut + 1);
        }
        Node first = new Node(child.label.substring(0, cut), tokens);
        String firstKey = firstToken(child.label);
        child.label = child.label.substring(cut + 1);
        child.labelTokens -= tokens;
        first.putChild(firstToken(child.label), child);
        parent.putChild(firstKey, first);
        return first;
    }

    /**
     * After a removal, from the leaf up: drops nodes left with nothing, and joins a node that
     * holds no subscription and has one child with that child, so that churn leaves the tree as
     * compact as adding only what remains would have.
     */
    private static void tidy(List<Node> path) {
        for (int i = path.size() - 1; i > 0; i--) {
            Node node = path.get(i);
            Node parent = path.get(i - 1);
            if (!node.holdsSubscriptions() && node.childCount() == 0) {
                parent.removeChild(firstToken(node.label));
            } else if (!node.holdsSubscriptions() && node.childCount() == 1) {
                Node only = node.anyChild();
                node.label = node.label + "." + only.label;
                node.labelTokens += only.labelTokens;
                node.onlyKey = only.onlyKey;
                node.onlyChild = only.onlyChild;
                node.children = only.children;
                node.exact = only.exact;
                node.rest = only.rest;
            }
        }
    }

    private static String firstToken(String label) {
        int dot = label.indexOf('.');
        return dot < 0 ? label : label.substring(0, dot);
    }
}
