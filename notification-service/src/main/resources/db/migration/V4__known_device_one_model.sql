-- The device read model is the same in every service (service-support's KnownDevices): whether the device is retired
-- is kept here too (once retired, a device stays retired); the platform may be unknown, as in the other services.
ALTER TABLE known_device ADD COLUMN retired BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE known_device ALTER COLUMN platform DROP NOT NULL;
