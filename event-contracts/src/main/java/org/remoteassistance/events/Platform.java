package org.remoteassistance.events;

import java.util.Arrays;
import java.util.Optional;

/** The operating system family of a managed device: {@code DeviceSnapshot.platform} and the device API's field. */
public enum Platform {
    WINDOWS, MACOS, IOS, ANDROID, LINUX;

    /** The names, for messages and {@code @Pattern}s (compile-time constants; a test keeps them equal to the values). */
    public static final String NAMES = "WINDOWS, MACOS, IOS, ANDROID, LINUX";
    public static final String PATTERN = "WINDOWS|MACOS|IOS|ANDROID|LINUX";

    /** The platform of this exact name, if there is one (a newer publisher may name one this release does not know). */
    public static Optional<Platform> of(String name) {
        return Arrays.stream(values()).filter(platform -> platform.name().equals(name)).findFirst();
    }
}
