package org.remoteassistance.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * Another system (an MDM's compliance engine, say) tells device-service a device's compliance state. An older change
 * than the one device-service holds changes nothing.
 *
 * @param compliance one of {@link Compliance}
 * @param detail     why, for the record (optional, plain text)
 */
public record DeviceComplianceChanged(UUID deviceId, String compliance, Instant changedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detail) implements EventData {

    @Override
    public String key() {
        return deviceId.toString();
    }

    @Override
    public void validate(Instant now) {
        EventRules.required(deviceId, "deviceId");
        EventRules.oneOf(compliance, "compliance", EventRules.COMPLIANCE);
        EventRules.happened(changedAt, "changedAt", now);
        EventRules.optionalText(detail, "detail", EventRules.MAX_DETAIL);
    }
}
