-- Each device's compliance state, set through the API (PUT /api/devices/{id}/compliance) or by another system's
-- DeviceComplianceChanged; when it last changed, so an older report never overwrites a newer one.
ALTER TABLE device
    ADD COLUMN compliance            VARCHAR(16) NOT NULL DEFAULT 'UNKNOWN'
        CHECK (compliance IN ('COMPLIANT', 'NONCOMPLIANT', 'UNKNOWN')),
    ADD COLUMN compliance_changed_at TIMESTAMP WITH TIME ZONE;
