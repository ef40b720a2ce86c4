-- Shared by the services that keep the device read model (KnownDevices), as R__known_device_compliance.sql.

-- The help-desk scopes the device belongs to, from its snapshots (DeviceSnapshot.scopeTags); null (no tags, outside
-- every help desk's scope) until a snapshot says them. The GIN index serves "the devices within these scopes".
ALTER TABLE IF EXISTS known_device ADD COLUMN IF NOT EXISTS scope_tags TEXT[];
DO $$
BEGIN
    IF to_regclass('known_device') IS NOT NULL THEN
        CREATE INDEX IF NOT EXISTS known_device_scope_tags ON known_device USING GIN (scope_tags);
    END IF;
END
$$;
