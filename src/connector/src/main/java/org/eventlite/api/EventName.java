package org.eventlite.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Observes events of one name, {@code void on(@Observes @EventName("price") EventPublished e)},
 * or of every name a pattern matches: {@code @EventName("orders.*")} (one token),
 * {@code @EventName("price.>")} (one or more). An observer without it sees every event.
 * Repeatable because an event carries its name and each observed pattern that matches it,
 * so that every observer is notified once.
 */
@Qualifier
@Repeatable(EventName.List.class)
@Retention(RUNTIME)
@Target({METHOD, FIELD, PARAMETER, TYPE})
public @interface EventName {

    String value();

    /** The container of repeated {@link EventName}s. */
    @Retention(RUNTIME)
    @Target({METHOD, FIELD, PARAMETER, TYPE})
    @interface List {
        EventName[] value();
    }

    /** For firing: {@code event.select(EventName.Literal.of(name))}. */
    final class Literal extends AnnotationLiteral<EventName> implements EventName {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
