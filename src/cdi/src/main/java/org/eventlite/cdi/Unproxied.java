package org.eventlite.cdi;

/**
 * An application-scoped bean itself, not its client proxy, for the I/O path,
 * where a proxy call costs a context lookup and interception bookkeeping per
 * call, which showed in profiles of the delivery path (docs/performance.md).
 * Wrapped because a Weld client proxy replaces a returned {@code this} with the
 * proxy (WELD-1498); a bean handing out {@code new Unproxied<>(this)} reaches the
 * caller unchanged. Safe only for beans that live as long as the application
 * holding the reference.
 */
public record Unproxied<T>(T bean) {
}
