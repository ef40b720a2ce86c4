package org.remoteassistance.device.domain;

import java.util.Arrays;
import java.util.Optional;

/** The operating system family of a managed device. */
public enum Platform {
    WINDOWS, MACOS, IOS, ANDROID, LINUX;

    /** The accepted names, for validation messages and patterns (compile-time constants, kept equal to the values). */
    public static final String NAMES = "WINDOWS, MACOS, IOS, ANDROID, LINUX";
    public static final String PATTERN = "WINDOWS|MACOS|IOS|ANDROID|LINUX";

    /** The platform of this exact name (as the API spells it), if there is one. */
    public static Optional<Platform> of(String name) {
        return Arrays.stream(values()).filter(platform -> platform.name().equals(name)).findFirst();
    }
}
