-- The requester went ahead knowing the device may not be compliant (POST /api/sessions acknowledgeNonCompliant).
ALTER TABLE remote_assistance_session ADD COLUMN non_compliant_acknowledged BOOLEAN NOT NULL DEFAULT FALSE;
