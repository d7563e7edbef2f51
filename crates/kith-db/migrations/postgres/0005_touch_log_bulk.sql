-- Bulk writes (imports, the demo, restores) append touch logs themselves, one statement per
-- table, instead of one trigger run per participant. While a bulk write holds its owner's row
-- here — inside its own transaction, so no other connection ever sees it — the per-row
-- trigger stands aside.
CREATE TABLE touch_log_bulk (
    owner_id  UUID PRIMARY KEY REFERENCES owners(id) ON DELETE CASCADE
);

CREATE OR REPLACE FUNCTION kith_touch_logs_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM touch_log_bulk WHERE owner_id = NEW.owner_id) THEN
        RETURN NULL;
    END IF;
    INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
    SELECT NEW.person_id, NEW.owner_id, i.occurred_at,
           i.occurred_at::text || ' ' || i.kind || ' ' || i.direction || ';'
    FROM interactions i WHERE i.id = NEW.interaction_id
    ON CONFLICT (person_id) DO UPDATE SET
        last_at = GREATEST(touch_logs.last_at, EXCLUDED.last_at),
        touches = touch_logs.touches || EXCLUDED.touches;
    RETURN NULL;
END
$$;
