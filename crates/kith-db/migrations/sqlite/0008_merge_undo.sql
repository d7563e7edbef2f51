-- Undoable merges (kith merge --undo): each merge gets a number in its owner's history,
-- the record of what it changed (written as JSON at merge time: the kept person before and
-- after, the IDs of the rows that moved, the rows it dropped) and, once undone, when.
-- The kept person no longer cascades: when a later merge absorbs them, the history of what
-- they had absorbed stays (removing a person still removes the merges they kept, in code).
CREATE TABLE merges_0008 (
    id               BLOB PRIMARY KEY,
    owner_id         BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    kept_id          BLOB NOT NULL,
    absorbed_handle  TEXT NOT NULL,
    absorbed_json    TEXT NOT NULL,
    merged_at        INTEGER NOT NULL,
    changes_json     TEXT,
    undone_at        INTEGER,
    UNIQUE (owner_id, number)
);

INSERT INTO merges_0008 (id, owner_id, number, kept_id, absorbed_handle, absorbed_json,
                         merged_at, changes_json, undone_at)
SELECT m.id, m.owner_id,
       (SELECT COUNT(*) FROM merges o
        WHERE o.owner_id = m.owner_id
          AND (o.merged_at < m.merged_at OR (o.merged_at = m.merged_at AND o.id <= m.id))),
       m.kept_id, m.absorbed_handle, m.absorbed_json, m.merged_at, NULL, NULL
FROM merges m;

DROP TABLE merges;
ALTER TABLE merges_0008 RENAME TO merges;
CREATE INDEX merges_by_time ON merges (owner_id, merged_at);
CREATE INDEX merges_by_kept ON merges (kept_id);
