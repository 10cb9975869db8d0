package org.eventlite.api;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eventlite.protocol.EventPattern;

/**
 * The CDI extension that notes, at deployment, which event types have observers and which
 * names and patterns their {@link EventName} qualifiers ask for: events nobody observes cost
 * nothing (no JSON parsing, no queueing), and an application subscribes to just what its
 * observers want. EventLite's own application and the application library register it; an
 * application does not use it directly.
 */
public class ObservedEvents implements Extension {

    /** What an observer without {@link EventName} receives: every event. */
    public static final String EVERY_EVENT = ">";

    private final Set<Class<?>> observedTypes = ConcurrentHashMap.newKeySet();
    /** Patterns observers name in {@link EventName}, by their text. */
    private final Map<String, EventPattern> observedPatterns = new ConcurrentHashMap<>();
    /** The names and patterns observers of {@link EventPublished} ask for; {@link #EVERY_EVENT} for one without a name. */
    private final Set<String> publishedNames = ConcurrentHashMap.newKeySet();

    void observerFound(@Observes ProcessObserverMethod<?, ?> observer) {
        Set<Annotation> qualifiers = observer.getObserverMethod().getObservedQualifiers();
        if (!couldReceiveOurEvents(qualifiers)) {
            return;
        }
        List<String> names = new ArrayList<>(1);
        for (Annotation qualifier : qualifiers) {
            if (qualifier instanceof EventName named) {
                names.add(named.value());
                if (EventPattern.isPattern(named.value())) {
                    observedPatterns.put(named.value(), EventPattern.parse(named.value()));
                }
            }
        }
        Type type = observer.getObserverMethod().getObservedType();
        if (type instanceof ParameterizedType parameterized) {
            type = parameterized.getRawType();
        }
        if (type instanceof Class<?> observed) {
            observedTypes.add(observed);
            if (observed.isAssignableFrom(EventPublished.class)) {
                // Several names on one observer: it receives only events carrying them all, a subset of any one.
                publishedNames.add(names.isEmpty() ? EVERY_EVENT : names.get(0));
            }
        }
    }

    /**
     * Our events carry no qualifier but {@link EventName}; an observer that
     * asks for another (such as {@code @Initialized}) never receives them,
     * even when it observes {@code Object}.
     */
    private static boolean couldReceiveOurEvents(Set<Annotation> qualifiers) {
        for (Annotation qualifier : qualifiers) {
            Class<?> kind = qualifier.annotationType();
            if (kind != EventName.class && kind != Any.class && kind != Default.class) {
                return false;
            }
        }
        return true;
    }

    /** The observed patterns that match {@code name}, each to be carried by its event as a qualifier. */
    public List<String> observedPatternsMatching(String name) {
        if (observedPatterns.isEmpty()) {
            return List.of();
        }
        List<String> matching = new ArrayList<>(2);
        observedPatterns.forEach((text, pattern) -> {
            if (pattern.matches(name)) {
                matching.add(text);
            }
        });
        return matching;
    }

    /** True if some observer method would receive an event of {@code type}. */
    public boolean observed(Class<?> type) {
        for (Class<?> observed : observedTypes) {
            if (observed.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The event names and patterns that {@link EventPublished} observers ask for, sorted: what an
     * application subscribes to; just {@link #EVERY_EVENT} when one observer takes every event.
     */
    public Set<String> observedNames() {
        return publishedNames.contains(EVERY_EVENT) ? Set.of(EVERY_EVENT) : new TreeSet<>(publishedNames);
    }

    /** Qualifiers for firing {@code name}: the name and every observed pattern matching it, so each observer hears it once. */
    public Annotation[] qualifiersOf(String name) {
        List<String> patterns = observedPatternsMatching(name);
        Annotation[] qualifiers = new Annotation[1 + patterns.size()];
        qualifiers[0] = EventName.Literal.of(name);
        for (int i = 0; i < patterns.size(); i++) {
            qualifiers[i + 1] = EventName.Literal.of(patterns.get(i));
        }
        return qualifiers;
    }
}
