-- A session's time limit (POST /api/sessions maxDurationMinutes, or the default): once in progress, it ends with
-- TIME_LIMIT at time_limit_at (started_at plus the limit). Sessions from before have none and run until ended.
ALTER TABLE remote_assistance_session
    ADD COLUMN max_duration_minutes INTEGER CHECK (max_duration_minutes BETWEEN 1 AND 1440),
    ADD COLUMN time_limit_at        TIMESTAMP WITH TIME ZONE;

ALTER TABLE remote_assistance_session DROP CONSTRAINT remote_assistance_session_end_reason_check;
ALTER TABLE remote_assistance_session ADD CONSTRAINT remote_assistance_session_end_reason_check
    CHECK (end_reason IN ('COMPLETED', 'CONNECTION_LOST', 'CANCELLED', 'DECLINED', 'EXPIRED', 'FAILED', 'TIME_LIMIT'));

-- The time-limit scan touches only sessions in progress.
CREATE INDEX remote_assistance_session_time_limit
    ON remote_assistance_session (time_limit_at)
    WHERE status = 'IN_PROGRESS';
