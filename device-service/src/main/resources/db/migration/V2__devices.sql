-- The managed-device inventory and, per device, what this service knows of its remote assistance sessions.

CREATE TABLE device (
    id                 UUID PRIMARY KEY,
    name               VARCHAR(200) NOT NULL,
    platform           VARCHAR(16)  NOT NULL
        CONSTRAINT device_platform_check CHECK (platform IN ('WINDOWS', 'MACOS', 'IOS', 'ANDROID', 'LINUX')),
    os_version         VARCHAR(100),
    serial_number      VARCHAR(200) NOT NULL,
    primary_user       VARCHAR(200),
    registered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at         TIMESTAMP WITH TIME ZONE,
    -- the session shown on the device overview (remoteAssistance); NULL before any
    ra_session_id      UUID
);

-- One row per session seen in an event for the device. Status only moves forward; the overview points at one of them.
CREATE TABLE device_session (
    session_id         UUID PRIMARY KEY,
    device_id          UUID NOT NULL REFERENCES device (id),
    status             VARCHAR(16) NOT NULL
        CONSTRAINT device_session_status_check
            CHECK (status IN ('REQUESTED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'ENDED', 'REJECTED', 'EXPIRED')),
    reason             VARCHAR(64),
    -- requestedAt of its SessionRequested; until that arrives, the earliest time any of its events carries
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    request_seen       BOOLEAN NOT NULL,
    notified_at        TIMESTAMP WITH TIME ZONE,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE device
    ADD CONSTRAINT device_ra_session_fk FOREIGN KEY (ra_session_id) REFERENCES device_session (session_id);

-- Which of a device's sessions is newest, and whether an older one is still open.
CREATE INDEX device_session_device_idx ON device_session (device_id, requested_at DESC);

-- All devices: the default listing hides retired devices and is ordered by name.
CREATE INDEX device_active_name_idx ON device (lower(name), id) WHERE retired_at IS NULL;
CREATE INDEX device_platform_idx ON device (platform, lower(name));

-- Case-insensitive search on name, primary user and serial number. text_pattern_ops serves exact and prefix matches
-- (a serial number typed in full, a name's beginning); a match in the middle of a value reads the rows, which an
-- inventory's size allows. Trigram indexes would need the pg_trgm extension, which the service's role may not create.
CREATE INDEX device_name_search_idx ON device (lower(name) text_pattern_ops);
CREATE INDEX device_primary_user_search_idx ON device (lower(primary_user) text_pattern_ops);
CREATE INDEX device_serial_number_search_idx ON device (lower(serial_number) text_pattern_ops);
