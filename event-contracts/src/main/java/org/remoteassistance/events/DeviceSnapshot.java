package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/** The latest state of a managed device, published on the compacted devices topic. */
public record DeviceSnapshot(UUID deviceId, String name, String platform, String osVersion, String serialNumber,
        String primaryUser, boolean retired, Instant changedAt) implements EventData {

    @Override
    public String key() {
        return deviceId.toString();
    }

    @Override
    public void validate() {
        EventData.require(deviceId, "deviceId");
        EventData.require(name, "name");
        EventData.require(platform, "platform");
        EventData.require(changedAt, "changedAt");
    }
}
