package org.eventlite.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes at deployment which event types have observers, so that events nobody
 * observes cost nothing: no JSON parsing, no queueing, no executor task.
 */
public class ObserverPresence implements Extension {

    private final Set<Class<?>> observedTypes = ConcurrentHashMap.newKeySet();

    void observerFound(@Observes ProcessObserverMethod<?, ?> observer) {
        if (!couldReceiveOurEvents(observer.getObserverMethod().getObservedQualifiers())) {
            return;
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
