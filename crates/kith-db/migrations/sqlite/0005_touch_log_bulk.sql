-- Bulk writes (imports, the demo, restores) append touch logs themselves, one statement per
-- table, instead of one trigger run per participant. While a bulk write holds its owner's row
-- here — inside its own transaction, so no other connection ever sees it — the per-row
-- trigger stands aside.
CREATE TABLE touch_log_bulk (
    owner_id  BLOB PRIMARY KEY REFERENCES owners(id) ON DELETE CASCADE
);

DROP TRIGGER touch_logs_add;
CREATE TRIGGER touch_logs_add AFTER INSERT ON interaction_people
WHEN NOT EXISTS (SELECT 1 FROM touch_log_bulk WHERE owner_id = new.owner_id)
BEGIN
    INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
    SELECT new.person_id, new.owner_id, i.occurred_at,
           i.occurred_at || ' ' || i.kind || ' ' || i.direction || ';'
    FROM interactions i WHERE i.id = new.interaction_id
    ON CONFLICT (person_id) DO UPDATE SET
        last_at = max(touch_logs.last_at, excluded.last_at),
        touches = touch_logs.touches || excluded.touches;
END;
