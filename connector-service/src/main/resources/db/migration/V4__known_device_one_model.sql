-- The device read model is the same in every service (service-support's KnownDevices): the platform is kept here too.
ALTER TABLE known_device ADD COLUMN platform TEXT;
