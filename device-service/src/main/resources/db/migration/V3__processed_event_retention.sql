-- InboxRetention deletes the rows of events processed long ago (remote-assistance.inbox.retention) by this column.
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
