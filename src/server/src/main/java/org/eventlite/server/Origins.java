package org.eventlite.server;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which web pages may publish through the gateway, by their {@code Origin} header:
 * none is sent by non-browser clients (curl, programs), the gateway's own pages send
 * its own origin, and any other origin must be listed in
 * {@code eventlite.http.allowed-origins}.
 */
final class Origins {

    private Origins() {
    }

    static boolean allowed(String origin, HttpServletRequest request, List<String> listed) {
        if (origin == null) {
            return true;
        }
        String normalised = origin.trim().toLowerCase(Locale.ROOT);
        if (listed.stream().anyMatch(entry -> entry.trim().toLowerCase(Locale.ROOT).equals(normalised))) {
            return true;
        }
        return sameOrigin(normalised, request);
    }

    /** The page was served by this gateway: scheme, host and port as the browser addressed it. */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String scheme = request.getScheme().toLowerCase(Locale.ROOT);
            String authority = uri.getRawAuthority();
            return scheme.equals(uri.getScheme()) && authority != null
                    && withPort(authority, scheme).equals(withPort(host.toLowerCase(Locale.ROOT), scheme));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withPort(String authority, String scheme) {
        boolean hasPort = authority.lastIndexOf(':') > authority.lastIndexOf(']');
        return hasPort ? authority : authority + ":" + (scheme.equals("https") ? 443 : 80);
    }
}
