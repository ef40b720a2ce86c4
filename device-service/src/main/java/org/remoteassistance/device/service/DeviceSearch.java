package org.remoteassistance.device.service;

import org.remoteassistance.events.Platform;
import org.remoteassistance.support.security.DeviceScope;

/**
 * A query of the inventory.
 *
 * @param text           matched case-insensitively anywhere in the name, primary user or serial number; {@code null}
 *                       for all
 * @param platform       only this platform; {@code null} for all
 * @param scope          only devices with this scope tag; {@code null} for all
 * @param reach          only devices within the caller's scope (a scoped help desk's)
 * @param includeRetired whether retired devices are listed too
 * @param page           from 0
 * @param size           devices per page, at least 1
 */
public record DeviceSearch(String text, Platform platform, String scope, DeviceScope reach, boolean includeRetired,
        int page, int size) {

    public DeviceSearch {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
    }
}
