package org.remoteassistance.connector.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives SmallRye Fault Tolerance the partner settings operators know ({@code remote-assistance.partner.max-attempts},
 * {@code initial-backoff}, {@code attempt-timeout}, {@code circuit.failure-threshold}, {@code circuit.open-for}) in
 * its own per-method properties ({@code quarkus.fault-tolerance."<class>/<method>".retry.max-retries} and so on),
 * which want retries rather than attempts and numbers with units rather than durations. Registered as a
 * {@link ConfigSourceFactory}, so environment variables and profiles of the documented names apply. Its ordinal is
 * below {@code application.properties}: a {@code quarkus.fault-tolerance."…"} property set there or in the environment
 * wins over the derived one.
 */
public class PartnerFaultToleranceConfig implements ConfigSourceFactory {

    static final int ORDINAL = 200;
    static final String PARTNER = "remote-assistance.partner.";
    static final String ATTEMPTS = "org.remoteassistance.connector.partner.PartnerAttempts";
    static final String BREAKER = "org.remoteassistance.connector.partner.PartnerCircuitBreaker/call";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        value(context, "max-attempts").map(Integer::parseInt).ifPresent(attempts -> {
            if (attempts < 1) {
                throw new IllegalArgumentException(PARTNER + "max-attempts must be at least 1, not " + attempts);
            }
            forEachAttemptsMethod(method -> properties.put(method + ".retry.max-retries",
                    Integer.toString(attempts - 1)));
        });
        value(context, "initial-backoff").map(DurationConverter::parseDuration).ifPresent(backoff ->
                forEachAttemptsMethod(method -> millis(properties, method + ".retry.delay", backoff)));
        value(context, "attempt-timeout").map(DurationConverter::parseDuration).ifPresent(timeout ->
                forEachAttemptsMethod(method -> {
                    properties.put(method + ".timeout.value", Long.toString(timeout.toMillis()));
                    properties.put(method + ".timeout.unit", "millis");
                }));
        value(context, "circuit.failure-threshold").map(Integer::parseInt).ifPresent(threshold -> {
            if (threshold < 1) {
                throw new IllegalArgumentException(
                        PARTNER + "circuit.failure-threshold must be at least 1, not " + threshold);
            }
            properties.put(key(BREAKER) + ".circuit-breaker.request-volume-threshold", Integer.toString(threshold));
        });
        value(context, "circuit.open-for").map(DurationConverter::parseDuration).ifPresent(openFor ->
                millis(properties, key(BREAKER) + ".circuit-breaker.delay", openFor));
        return List.of(new PropertiesConfigSource(properties, "derived from " + PARTNER + "*", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(PARTNER + name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? Optional.empty()
                : Optional.of(value.getValue().trim());
    }

    private static void forEachAttemptsMethod(Consumer<String> configure) {
        configure.accept(key(ATTEMPTS + "/repeatable"));
        configure.accept(key(ATTEMPTS + "/create"));
    }

    private static void millis(Map<String, String> properties, String key, Duration duration) {
        properties.put(key, Long.toString(duration.toMillis()));
        properties.put(key + "-unit", "millis");
    }

    private static String key(String method) {
        return "quarkus.fault-tolerance.\"" + method + "\"";
    }
}
