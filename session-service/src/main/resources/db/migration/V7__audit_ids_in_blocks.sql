-- The service takes audit ids from this sequence 50 at a time and gives them out itself (Hibernate's pooled-lo: a
-- value is the first of its block): an entry no longer needs a round trip of its own for its id, and a transaction's
-- entries are inserted in one statement. Ids stay unique and, within one instance, in insertion order (the order that
-- breaks ties between entries of the same instant). The identity column's own sequence is replaced, starting after
-- the highest id already given.
ALTER TABLE session_audit ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE session_audit_ids INCREMENT BY 50 OWNED BY session_audit.id;
SELECT setval('session_audit_ids', coalesce((SELECT max(id) FROM session_audit), 0) + 1, false);
