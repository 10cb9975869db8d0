package org.eventlite.cdi.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.cdi.EventLiteConfig;
import org.eventlite.cdi.Settings;
import org.eventlite.cdi.Unproxied;

/**
 * Throttles denied requests per remote address: after
 * {@code eventlite.auth.max-failures} denials within
 * {@code eventlite.auth.failure-window}, every request from that address is
 * denied without being decided until the window has passed. This makes
 * guessing passwords slow and keeps a costly decision (an LDAP bind, say) off
 * the hot path for a flood. Bounded: at most {@link #MAX_TRACKED_ADDRESSES}
 * addresses are remembered; past that, expired entries go, then any others (in the
 * map's order, not by age) until the bound holds: at worst an address's count starts
 * over early, which a flood of new addresses could also cause by design.
 */
@ApplicationScoped
public class FailedAttempts {

    static final int MAX_TRACKED_ADDRESSES = 10_000;

    private static final Logger LOG = Logger.getLogger(FailedAttempts.class.getName());

    private record Window(long startNanos, int failures) {
    }

    private EventLiteConfig config;

    private final ConcurrentHashMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    /** For the container's client proxy only. */
    protected FailedAttempts() {
    }

    @Inject
    public FailedAttempts(EventLiteConfig config) {
        this.config = config;
    }

    /** True while {@code address} has used up its failures in the current window. */
    public boolean throttled(InetAddress address) {
        Window window = windows.get(address);
        return window != null && !expired(window, System.nanoTime()) && window.failures() >= config.value(Settings.AUTH_MAX_FAILURES);
    }

    public void failed(InetAddress address) {
        long now = System.nanoTime();
        Window updated = windows.compute(address, (key, window) -> window == null || expired(window, now)
                ? new Window(now, 1)
                : new Window(window.startNanos(), window.failures() + 1));
        if (updated.failures() == config.value(Settings.AUTH_MAX_FAILURES)) {
            LOG.log(Level.WARNING, "EventLite: {0} denied requests from {1} within {2}; refusing it until the window ends",
                    new Object[] {updated.failures(), address.getHostAddress(), config.value(Settings.AUTH_FAILURE_WINDOW)});
        }
        if (windows.size() > MAX_TRACKED_ADDRESSES) {
            prune(now);
        }
    }

    private boolean expired(Window window, long now) {
        return now - window.startNanos() > config.value(Settings.AUTH_FAILURE_WINDOW).toNanos();
    }

    private void prune(long now) {
        windows.values().removeIf(window -> expired(window, now));
        Iterator<Map.Entry<InetAddress, Window>> any = windows.entrySet().iterator();
        while (windows.size() > MAX_TRACKED_ADDRESSES && any.hasNext()) {
            any.next();
            any.remove();
        }
    }

    /** The bean itself, not its client proxy: see {@link Unproxied}; for the request path. */
    public Unproxied<FailedAttempts> unproxied() {
        return new Unproxied<>(this);
    }
}
