package org.eventlite.cdi.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials that passed a slow check (a PBKDF2 hash, a directory), remembered
 * for a while: Perl clients send the password with every request, and a slow
 * check per publish would cap throughput at a few dozen events per second.
 * Only a SHA-256 digest of the password is kept, in memory, compared in
 * constant time. Failures are not remembered; they are throttled per address.
 */
final class VerifiedCredentials {

    private record Entry(byte[] passwordDigest, UserDirectory.Principal principal, long expiresNanos) {
    }

    private final ConcurrentHashMap<String, Entry> byUser = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    VerifiedCredentials(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** @return the principal if this user passed with this password within the time to live, else null */
    UserDirectory.Principal lookup(String username, byte[] passwordDigest) {
        Entry entry = byUser.get(username);
        if (entry == null || System.nanoTime() - entry.expiresNanos() > 0
                || !MessageDigest.isEqual(entry.passwordDigest(), passwordDigest)) {
            return null;
        }
        return entry.principal();
    }

    void remember(String username, byte[] passwordDigest, UserDirectory.Principal principal) {
        if (ttlNanos <= 0) {
            return;
        }
        if (byUser.size() >= maxEntries) {
            byUser.clear();
        }
        byUser.put(username, new Entry(passwordDigest, principal, System.nanoTime() + ttlNanos));
    }

    static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
