package org.eventlite.cdi.access;

import java.util.Locale;

/** Where anonymous clients (an empty user name) are admitted from: {@code eventlite.anonymous-access}. */
public enum AnonymousAccess {
    /** From {@code eventlite.anonymous.networks} only. */
    NETWORKS,
    ALWAYS,
    NEVER;

    /** The setting's text; {@code loopback}, this mode's older name, is {@link #NETWORKS}. */
    public static AnonymousAccess parse(String setting, String text) {
        if (text.equalsIgnoreCase("loopback")) {
            return NETWORKS;
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " must be networks, always or never, was '" + text + "'", e);
        }
    }
}
