package org.eventlite.protocol;

import java.util.Objects;

/**
 * The {@code username|password} part of a request. An empty username means an
 * anonymous client (the Perl clients send a bare {@code |} when they have none).
 * {@link #toString()} never shows the password, so a record logged by mistake
 * leaks nothing.
 */
public record Credentials(String username, String password) {

    public static final Credentials ANONYMOUS = new Credentials("", "");

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public boolean anonymous() {
        return username.isEmpty();
    }

    @Override
    public String toString() {
        return anonymous() ? "Credentials[anonymous]" : "Credentials[username=" + username + ", password=***]";
    }
}
