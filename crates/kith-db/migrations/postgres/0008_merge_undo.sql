-- Undoable merges (kith merge --undo): each merge gets a number in its owner's history,
-- the record of what it changed (written as JSON at merge time: the kept person before and
-- after, the IDs of the rows that moved, the rows it dropped) and, once undone, when.
-- The kept person no longer cascades: when a later merge absorbs them, the history of what
-- they had absorbed stays (removing a person still removes the merges they kept, in code).
ALTER TABLE merges DROP CONSTRAINT merges_kept_id_fkey;
ALTER TABLE merges ADD COLUMN number BIGINT,
                   ADD COLUMN changes_json TEXT,
                   ADD COLUMN undone_at BIGINT;

UPDATE merges m SET number =
    (SELECT COUNT(*) FROM merges o
     WHERE o.owner_id = m.owner_id
       AND (o.merged_at < m.merged_at OR (o.merged_at = m.merged_at AND o.id <= m.id)));

ALTER TABLE merges ALTER COLUMN number SET NOT NULL,
                   ADD CONSTRAINT merges_owner_id_number_key UNIQUE (owner_id, number);
CREATE INDEX merges_by_kept ON merges (kept_id);
