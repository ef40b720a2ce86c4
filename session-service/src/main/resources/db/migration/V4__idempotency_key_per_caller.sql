-- An Idempotency-Key is its caller's own: another caller sending the same key makes a request of its own and is never
-- answered with the first caller's session (its code and supporter link).
ALTER TABLE remote_assistance_session DROP CONSTRAINT remote_assistance_session_idempotency_key_key;
CREATE UNIQUE INDEX remote_assistance_session_idempotency_key_per_caller
    ON remote_assistance_session (requested_by, idempotency_key);
