-- Shared by every service, in that service's own schema. Repeatable (and idempotent), not versioned: the services
-- number their own migrations from 2 up in the same sequence, so a shared versioned one could not be added later.

-- The W3C traceparent of what published the event (an HTTP request, the handling of another event), which the relay
-- continues in the record's headers: one trace per session across the services (EventTraces).
ALTER TABLE outbox_message ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(128);
