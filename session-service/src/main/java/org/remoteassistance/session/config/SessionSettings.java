package org.remoteassistance.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

@ConfigMapping(prefix = "remote-assistance.sessions")
public interface SessionSettings {

    /** How long a session may wait for the partner, the admin and the device user before it expires. */
    @WithDefault("10m")
    Duration expireAfter();

    /**
     * How often the expiry job looks for sessions to expire. The job's schedule reads the same property; its default
     * there must stay equal to this one.
     */
    @WithDefault("5s")
    Duration expiryCheckInterval();

    /**
     * How long a session may run once in progress, unless its request says otherwise ({@code maxDurationMinutes}):
     * whole minutes from 1 minute to 24 hours. It then ends with {@code TIME_LIMIT}.
     */
    @WithDefault("8h")
    Duration maxDuration();

    /**
     * What a ticket reference given with a request ({@code ticketId}) must match, whole, at most 64 characters: by
     * default letters and digits and {@code . _ : / # -}, starting with a letter or digit (INC0012345, JIRA-123,
     * SR#4711).
     */
    @WithDefault("[A-Za-z0-9][A-Za-z0-9._:/#-]{0,63}")
    String ticketPattern();

    /** How many times the device's notification of one session may be sent again. */
    @WithDefault("3")
    @Min(1)
    @Max(100)
    int maxResends();

    /** Sessions expired (or ended at their time limit) per transaction. */
    @WithDefault("100")
    @Min(1)
    @Max(10_000)
    int expiryBatchSize();

    /**
     * How long an event about a session this service does not have yet (a {@code SessionAcknowledged} overtaking the
     * {@code SessionRequested} another publisher sent: the two travel on different topics) waits for it before it is
     * dead-lettered as naming an unknown session.
     */
    @WithDefault("10s")
    Duration unknownSessionGrace();

    /**
     * How long a request through the API for a device this service does not know yet waits for its
     * {@code DeviceRegistered} (a device registered a moment ago is on its way) before the answer is 404.
     */
    @WithDefault("2s")
    Duration unknownDeviceGrace();
}
