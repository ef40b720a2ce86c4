package org.remoteassistance.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The latest state of a managed device, published on the compacted devices topic. {@code compliance} (optional, left
 * out when absent, which reads as {@link Compliance#UNKNOWN}): whether it meets its compliance policies;
 * {@code scopeTags} (optional): the help-desk scopes it belongs to.
 */
public record DeviceSnapshot(UUID deviceId, String name, String platform, String osVersion, String serialNumber,
        String primaryUser, boolean retired, Instant changedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String compliance,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> scopeTags) implements EventData {

    /** A snapshot that says nothing of compliance or scopes. */
    public DeviceSnapshot(UUID deviceId, String name, String platform, String osVersion, String serialNumber,
            String primaryUser, boolean retired, Instant changedAt) {
        this(deviceId, name, platform, osVersion, serialNumber, primaryUser, retired, changedAt, null, null);
    }

    /** A snapshot that says nothing of scopes. */
    public DeviceSnapshot(UUID deviceId, String name, String platform, String osVersion, String serialNumber,
            String primaryUser, boolean retired, Instant changedAt, String compliance) {
        this(deviceId, name, platform, osVersion, serialNumber, primaryUser, retired, changedAt, compliance, null);
    }

    @Override
    public String key() {
        return deviceId.toString();
    }

    /**
     * Read models keep the newest snapshot of each device, so one dated in the future would freeze the device (even its
     * retirement would then count as older).
     */
    @Override
    public void validate(Instant now) {
        EventRules.required(deviceId, "deviceId");
        EventRules.text(name, "name", EventRules.MAX_DEVICE_TEXT);
        EventRules.oneOf(platform, "platform", EventRules.PLATFORMS);
        EventRules.optionalText(osVersion, "osVersion", EventRules.MAX_OS_VERSION);
        EventRules.optionalText(serialNumber, "serialNumber", EventRules.MAX_DEVICE_TEXT);
        EventRules.optionalText(primaryUser, "primaryUser", EventRules.MAX_DEVICE_TEXT);
        EventRules.happened(changedAt, "changedAt", now);
        if (compliance != null) {
            EventRules.oneOf(compliance, "compliance", EventRules.COMPLIANCE);
        }
        EventRules.scopeTags(scopeTags, "scopeTags");
    }

    /** {@code DeviceRetired} says the device is retired, {@code DeviceRegistered} and {@code DeviceUpdated} that it is not. */
    @Override
    public void validateAs(EventType<?> type) {
        if (retired != EventType.DEVICE_RETIRED.equals(type)) {
            throw new InvalidEventException(type.name() + " with data.retired " + retired);
        }
    }
}
