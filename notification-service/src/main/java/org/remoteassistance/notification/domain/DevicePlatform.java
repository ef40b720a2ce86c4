package org.remoteassistance.notification.domain;

import java.util.Locale;
import java.util.Optional;

/** The platforms device-service knows; each gets the partner app its own way. */
public enum DevicePlatform {
    WINDOWS, MACOS, IOS, ANDROID, LINUX;

    /** Empty for a platform this release does not know (a newer device-service may send one). */
    public static Optional<DevicePlatform> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
