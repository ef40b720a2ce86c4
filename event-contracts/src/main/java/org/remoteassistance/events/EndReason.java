package org.remoteassistance.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Why a session ended: {@code SessionEnded.reason}. API callers may give the first three; the others the system decides. */
public enum EndReason {
    COMPLETED(true),
    CONNECTION_LOST(true),
    CANCELLED(true),
    /** The device user declined. */
    DECLINED(false),
    /** Nobody accepted it in time. */
    EXPIRED(false),
    FAILED(false),
    /** It was in progress for as long as it was allowed to run ({@code SessionRequested.maxDurationMinutes}). */
    TIME_LIMIT(false);

    private final boolean givenByCaller;

    EndReason(boolean givenByCaller) {
        this.givenByCaller = givenByCaller;
    }

    public static List<EndReason> givenByCallers() {
        return Arrays.stream(values()).filter(reason -> reason.givenByCaller).toList();
    }

    /** The reason named {@code name} if a caller may end a session with it. */
    public static Optional<EndReason> givenByCaller(String name) {
        return givenByCallers().stream().filter(reason -> reason.name().equals(name)).findFirst();
    }
}
