package org.eventlite.cdi.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), for
 * deciding from a peer's address what it may do. An IPv4 block never holds an IPv6
 * address, except that Java reports IPv4-mapped addresses as IPv4 already.
 */
public record Network(byte[] prefix, int bits) {

    /** The loopback blocks: {@code 127.0.0.0/8} and {@code ::1/128}. */
    public static final List<Network> LOOPBACK = List.of(parse("default", "127.0.0.0/8"), parse("default", "::1/128"));

    /** @param setting the setting the text comes from, for the message of a bad value */
    public static Network parse(String setting, String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not an address block such as 10.0.0.0/8");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not an address block such as 10.0.0.0/8", e);
        }
        int bits;
        try {
            bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": '" + text + "' has no prefix length after '/'", e);
        }
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException(setting + ": '" + text + "' has a prefix length out of range");
        }
        return new Network(address, bits);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != prefix.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[whole] & mask) == (prefix[whole] & mask);
    }

    /** As written in the setting: {@code 127.0.0.0/8}. */
    String toText() {
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a prefix is always 4 or 16 bytes
        }
    }

    /** Blocks are equal when they hold the same addresses as written: same prefix bytes, same length. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Network network && bits == network.bits && Arrays.equals(prefix, network.prefix);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prefix) + bits;
    }

    @Override
    public String toString() {
        return toText();
    }

    static boolean anyContains(List<Network> networks, InetAddress address) {
        for (Network network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
