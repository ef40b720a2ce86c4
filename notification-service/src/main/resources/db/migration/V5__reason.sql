-- Why the administrator asks for the session, when they chose to tell the device user (SessionAcknowledged
-- reasonForUser).
ALTER TABLE company_portal_notification ADD COLUMN reason VARCHAR(500);
