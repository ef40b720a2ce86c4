-- Shared by the services that keep the device read model (KnownDevices; device-service keeps the devices themselves
-- and has no such table). Repeatable and idempotent, as R__outbox_trace_parent.sql.

-- The device's compliance state from its snapshots (DeviceSnapshot.compliance); null until a snapshot says it, which
-- reads as UNKNOWN.
ALTER TABLE IF EXISTS known_device ADD COLUMN IF NOT EXISTS compliance VARCHAR(16);
