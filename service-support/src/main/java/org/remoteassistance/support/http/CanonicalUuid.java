package org.remoteassistance.support.http;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An id as callers must write it: the canonical 36 characters {@code 8-4-4-4-12} hex digits. {@link UUID#fromString}
 * also takes {@code 1-1-1-1-1} (and Jackson a 24-character base64 text), so one id would have many spellings, each
 * its own cache key, log line and audit filter; here it has one. Path and query ids
 * ({@link CanonicalUuidParameters}), body fields ({@link StrictJson}) and the device claim use this.
 */
public final class CanonicalUuid {

    public static final String PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern CANONICAL = Pattern.compile(PATTERN);

    private CanonicalUuid() {
    }

    /** The UUID {@code text} spells canonically, or empty. */
    public static Optional<UUID> parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
