-- Company Portal notifications: one per remote assistance session, shown to the device it targets.
CREATE TABLE company_portal_notification (
    id                UUID PRIMARY KEY,
    device_id         UUID NOT NULL,
    -- one notification per session, however often the acknowledgement is delivered
    session_id        UUID NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    message           TEXT NOT NULL,
    end_customer_link TEXT NOT NULL,
    session_code      TEXT NOT NULL,
    instructions      TEXT NOT NULL,
    -- false once the session has ended or expired: its code is dead
    actionable        BOOLEAN NOT NULL,
    read_at           TIMESTAMP WITH TIME ZONE,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The device's list, newest first.
CREATE INDEX company_portal_notification_device_issued
    ON company_portal_notification (device_id, issued_at DESC);

-- The unread badge counts only unread rows, which stay few.
CREATE INDEX company_portal_notification_unread
    ON company_portal_notification (device_id)
    WHERE read_at IS NULL;

-- What this service knows of each device (from remote-assistance.devices): its platform picks the instructions.
CREATE TABLE known_device (
    id         UUID PRIMARY KEY,
    platform   TEXT NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Sessions known to be over, even when their acknowledgement has not arrived yet: a late acknowledgement must not
-- notify the device of a session that can no longer start.
CREATE TABLE ended_session (
    session_id UUID PRIMARY KEY,
    device_id  UUID NOT NULL,
    status     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
