package org.eventlite.cdi;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes at deployment which event types have observers, so that events nobody
 * observes cost nothing: no JSON parsing, no queueing, no executor task.
 */
public class ObserverPresence implements Extension {

    private final Set<Class<?>> observedTypes = ConcurrentHashMap.newKeySet();
    /** Patterns observers name in {@link EventName}, by their text. */
    private final Map<String, EventPattern> observedPatterns = new ConcurrentHashMap<>();

    void observerFound(@Observes ProcessObserverMethod<?, ?> observer) {
        if (!couldReceiveOurEvents(observer.getObserverMethod().getObservedQualifiers())) {
            return;
        }
        for (Annotation qualifier : observer.getObserverMethod().getObservedQualifiers()) {
            if (qualifier instanceof EventName named && isPattern(named.value())) {
                observedPatterns.put(named.value(), EventPattern.parse(named.value()));
            }
        }
        Type type = observer.getObserverMethod().getObservedType();
        if (type instanceof ParameterizedType parameterized) {
            type = parameterized.getRawType();
        }
        if (type instanceof Class<?> observed) {
            observedTypes.add(observed);
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

    private static boolean isPattern(String name) {
        for (String token : name.split("\\.", -1)) {
            if (token.equals(EventPattern.ONE) || token.equals(EventPattern.REST)) {
                return true;
            }
        }
        return false;
    }

    /** The observed patterns that match {@code name}, each to be carried by its event as a qualifier. */
    List<String> observedPatternsMatching(String name) {
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
    boolean observed(Class<?> type) {
        for (Class<?> observed : observedTypes) {
            if (observed.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }
}
