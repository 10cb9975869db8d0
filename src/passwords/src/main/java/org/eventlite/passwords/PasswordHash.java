package org.eventlite.passwords;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash in the text form kept in
 * configuration: {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>}.
 * A module of its own because two sides use it and neither should carry the
 * other: the server checks hashes, the command-line tool
 * ({@code eventlite hash-password}) makes them.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    public static final String SCHEME = "pbkdf2-sha256";
    /** About 30 ms here: a check is paid once per user and password, then cached by the server. */
    public static final int DEFAULT_ITERATIONS = 100_000;
    private static final int MIN_ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    public static PasswordHash create(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /** @throws IllegalArgumentException naming what is wrong, never echoing the text */
    public static PasswordHash parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash reads " + SCHEME
                    + ":<iterations>:<salt>:<hash>; make one with 'eventlite hash-password'");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a password hash's iteration count must be a number", e);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("a password hash needs at least " + MIN_ITERATIONS + " iterations");
        }
        try {
            return new PasswordHash(iterations, Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a password hash's salt and hash must be base64", e);
        }
    }

    /** Compares in constant time. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password.toCharArray(), salt, iterations));
    }

    @Override
    public String toString() {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
