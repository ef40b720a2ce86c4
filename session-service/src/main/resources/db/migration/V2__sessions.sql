-- Remote assistance sessions and the devices this service knows of.

CREATE TABLE remote_assistance_session (
    id                UUID PRIMARY KEY,
    device_id         UUID         NOT NULL,
    status            VARCHAR(16)  NOT NULL
        CHECK (status IN ('REQUESTED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'ENDED', 'REJECTED', 'EXPIRED')),
    partner           VARCHAR(64),
    session_code      VARCHAR(64),
    supporter_link    VARCHAR(2048),
    end_customer_link VARCHAR(2048),
    valid_until       TIMESTAMP WITH TIME ZONE,
    requested_by      VARCHAR(255) NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    notified_at       TIMESTAMP WITH TIME ZONE,
    admin_started_at  TIMESTAMP WITH TIME ZONE,
    device_allowed_at TIMESTAMP WITH TIME ZONE,
    started_at        TIMESTAMP WITH TIME ZONE,
    ended_at          TIMESTAMP WITH TIME ZONE,
    end_reason        VARCHAR(32)
        CHECK (end_reason IN ('COMPLETED', 'CONNECTION_LOST', 'CANCELLED', 'DECLINED', 'EXPIRED', 'FAILED')),
    reject_reason     VARCHAR(64),
    reject_detail     VARCHAR(1024),
    -- the client's Idempotency-Key: a repeated POST answers with the session it created the first time
    idempotency_key   VARCHAR(255) UNIQUE,
    version           BIGINT       NOT NULL DEFAULT 0
);

-- At most one open session per device, whatever races two requests run.
CREATE UNIQUE INDEX remote_assistance_session_one_open_per_device
    ON remote_assistance_session (device_id)
    WHERE status IN ('REQUESTED', 'ACKNOWLEDGED', 'IN_PROGRESS');

-- GET /api/sessions?deviceId=&status=, newest first
CREATE INDEX remote_assistance_session_by_device
    ON remote_assistance_session (device_id, requested_at DESC);
CREATE INDEX remote_assistance_session_by_status
    ON remote_assistance_session (status, requested_at DESC);
CREATE INDEX remote_assistance_session_by_requested_at
    ON remote_assistance_session (requested_at DESC);

-- The expiry scan touches only sessions nobody has accepted yet.
CREATE INDEX remote_assistance_session_awaiting_acceptance
    ON remote_assistance_session (requested_at)
    WHERE status IN ('REQUESTED', 'ACKNOWLEDGED');

-- Read model of device-service's devices, kept from the compacted remote-assistance.devices topic.
CREATE TABLE known_device (
    id         UUID PRIMARY KEY,
    retired    BOOLEAN                  NOT NULL,
    -- the snapshot's changedAt: an older snapshot never overwrites a newer one
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
