package org.remoteassistance.connector.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRequested;

/**
 * What the contract (asyncapi.yaml) allows beyond the fields the codec already requires. Events come from any Kafka
 * client, so each is checked before it acts; a violation is dead-lettered with the reason.
 */
final class EventRules {

    static final Set<String> END_STATUSES = Set.of("ENDED", "EXPIRED");
    static final Set<String> END_REASONS = Set.of("COMPLETED", "CONNECTION_LOST", "CANCELLED", "DECLINED", "EXPIRED",
            "FAILED");
    static final Set<String> PLATFORMS = Set.of("WINDOWS", "MACOS", "IOS", "ANDROID", "LINUX");
    /** Longer than any user or service name; a longer one is garbage, not a requester. */
    static final int MAX_REQUESTED_BY = 320;
    /** Clocks of other publishers may run ahead a little, not more. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private EventRules() {
    }

    static Optional<String> violation(SessionRequested request) {
        if (request.requestedBy().length() > MAX_REQUESTED_BY) {
            return Optional.of("data.requestedBy is longer than " + MAX_REQUESTED_BY + " characters");
        }
        return Optional.empty();
    }

    /** Any SessionEnded closes a partner session, so only a real end may. */
    static Optional<String> violation(SessionEnded ended) {
        if (!END_STATUSES.contains(ended.status())) {
            return Optional.of("data.status must be one of " + sorted(END_STATUSES) + ", not " + quote(ended.status()));
        }
        if (!END_REASONS.contains(ended.reason())) {
            return Optional.of("data.reason must be one of " + sorted(END_REASONS) + ", not " + quote(ended.reason()));
        }
        return Optional.empty();
    }

    /**
     * The read model keeps the newest snapshot of each device, so a snapshot dated in the future would freeze it
     * (even its retirement would then count as older); and the type must say what the snapshot says.
     */
    static Optional<String> violation(EventType<DeviceSnapshot> type, DeviceSnapshot device, Instant now) {
        if (!PLATFORMS.contains(device.platform())) {
            return Optional.of("data.platform must be one of " + sorted(PLATFORMS) + ", not "
                    + quote(device.platform()));
        }
        if (device.changedAt().isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.of("data.changedAt " + device.changedAt() + " is in the future");
        }
        if (device.retired() != EventType.DEVICE_RETIRED.equals(type)) {
            return Optional.of(type.name() + " with data.retired " + device.retired());
        }
        return Optional.empty();
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().toList().toString();
    }

    /** The offending value, short: it goes into a Kafka header. */
    private static String quote(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}
