package org.remoteassistance.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;

/**
 * Which CloudEvents {@code source}s may publish on each consumed topic: the service of this system that publishes its
 * events ({@link EventType#publisher()}), plus the sources the operator lists for every topic
 * ({@value #ALL_TOPICS}) and for one topic ({@value #ALL_TOPICS}{@code .<topic without "remote-assistance.">}, e.g.
 * {@code remote-assistance.events.allowed-sources.session-requested=/helpdesk-portal,/itsm}). {@value #ANY} in a list
 * lets any source publish there: the open contract of earlier releases.
 *
 * <p>Read with plain {@link Config} lookups rather than a {@code @ConfigMapping}: the all-topics setting and the
 * per-topic ones share a name, which a mapping cannot express, and a lookup by full name is what makes each of them
 * settable by an environment variable ({@code REMOTE_ASSISTANCE_EVENTS_ALLOWED_SOURCES_SESSION_REQUESTED}).
 */
@ApplicationScoped
public class AllowedPublishers {

    public static final String ALL_TOPICS = "remote-assistance.events.allowed-sources";
    public static final String ANY = "*";
    private static final String TOPIC_PREFIX = "remote-assistance.";

    private final Map<String, Set<String>> allowedByTopic;

    @Inject
    public AllowedPublishers(Config config) {
        this(name -> config.getOptionalValues(name, String.class).orElse(List.of()));
    }

    /** @param setting a list-valued setting by name, empty when unset */
    AllowedPublishers(Function<String, List<String>> setting) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        List<String> everyTopic = sources(setting.apply(ALL_TOPICS));
        for (EventType<?> type : EventType.ALL) {
            Set<String> sources = allowed.computeIfAbsent(type.topic(), topic -> new LinkedHashSet<>());
            sources.add(type.publisher());
            sources.addAll(everyTopic);
            sources.addAll(sources(setting.apply(setting(type))));
        }
        this.allowedByTopic = allowed;
    }

    /** The setting that lists the sources allowed on the event's topic, e.g. {@code ...allowed-sources.devices}. */
    public static String setting(EventType<?> type) {
        String topic = type.topic();
        return ALL_TOPICS + "." + (topic.startsWith(TOPIC_PREFIX) ? topic.substring(TOPIC_PREFIX.length()) : topic);
    }

    /** The sources allowed on the topic of this type, {@value #ANY} included if it is open. */
    public Set<String> allowed(EventType<?> type) {
        return allowedByTopic.getOrDefault(type.topic(), Set.of(type.publisher()));
    }

    /**
     * @throws InvalidEventException naming the source, the event type and the sources allowed, if the event's source
     *                               may not publish it
     */
    public void check(CloudEvent<?> event) {
        Set<String> allowed = allowed(event.type());
        if (allowed.contains(ANY) || allowed.contains(event.source())) {
            return;
        }
        throw new InvalidEventException("source " + EventRules.quoted(event.source()) + " is not allowed to publish "
                + event.type().name() + "; allowed: " + String.join(", ", allowed) + " (setting " + setting(event.type())
                + ")");
    }

    private static List<String> sources(List<String> listed) {
        List<String> sources = new ArrayList<>();
        for (String source : Optional.ofNullable(listed).orElse(List.of())) {
            if (!source.isBlank()) {
                sources.add(source.trim());
            }
        }
        return sources;
    }
}
