-- Why a session was requested and the help-desk ticket it belongs to (POST /api/sessions reason, ticketId), and
-- whether the device user is shown the reason.
ALTER TABLE remote_assistance_session
    ADD COLUMN reason              VARCHAR(500),
    ADD COLUMN ticket_id           VARCHAR(64),
    ADD COLUMN show_reason_to_user BOOLEAN NOT NULL DEFAULT FALSE;

-- reports and searches by ticket
CREATE INDEX remote_assistance_session_by_ticket
    ON remote_assistance_session (ticket_id, requested_at DESC)
    WHERE ticket_id IS NOT NULL;
