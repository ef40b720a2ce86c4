-- The help-desk scopes a device belongs to (POST /api/devices scopeTags, PUT /api/devices/{id}/scope-tags).
ALTER TABLE device ADD COLUMN scope_tags VARCHAR(64)[] NOT NULL DEFAULT '{}';
-- GET /api/devices?scope=
CREATE INDEX device_by_scope_tag ON device USING GIN (scope_tags);
