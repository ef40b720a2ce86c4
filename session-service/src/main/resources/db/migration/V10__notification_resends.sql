-- How many times the device's notification was sent again (POST /api/sessions/{id}/resend-notification), and the
-- audit action that records each.
ALTER TABLE remote_assistance_session ADD COLUMN notification_resends INTEGER NOT NULL DEFAULT 0;

ALTER TABLE session_audit DROP CONSTRAINT session_audit_action_check;
ALTER TABLE session_audit ADD CONSTRAINT session_audit_action_check
    CHECK (action IN ('REQUESTED', 'ACKNOWLEDGED', 'REJECTED', 'NOTIFIED', 'RESENT', 'STARTED', 'ALLOWED', 'DECLINED',
                      'ENDED', 'EXPIRED'));
