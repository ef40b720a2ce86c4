-- The audit trail: who requested, started, answered and ended which session on which device, when, and the outcome;
-- what other services and the expiry did to it (actor_role 'system'); refused attempts (outcome 'REFUSED').
-- Rows are only ever inserted. No foreign key to the session: a refused request has no session, and a refused action
-- is recorded in a transaction of its own, which must not wait on the session row the action locked.

CREATE TABLE session_audit (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id UUID,
    device_id  UUID                     NOT NULL,
    action     VARCHAR(16)              NOT NULL
        CHECK (action IN ('REQUESTED', 'ACKNOWLEDGED', 'REJECTED', 'NOTIFIED', 'STARTED', 'ALLOWED', 'DECLINED',
                          'ENDED', 'EXPIRED')),
    actor      VARCHAR(255)             NOT NULL,
    actor_role VARCHAR(16)              NOT NULL,
    outcome    VARCHAR(16)              NOT NULL
        CHECK (outcome IN ('REQUESTED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'ENDED', 'REJECTED', 'EXPIRED', 'REFUSED')),
    detail     VARCHAR(1024),
    at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- GET /api/sessions/{id}/audit, oldest first
CREATE INDEX session_audit_by_session ON session_audit (session_id, at, id);
-- GET /api/audit?deviceId=&actor=&from=&to=, newest first
CREATE INDEX session_audit_by_device ON session_audit (device_id, at DESC);
CREATE INDEX session_audit_by_actor ON session_audit (actor, at DESC);
CREATE INDEX session_audit_by_at ON session_audit (at DESC);
