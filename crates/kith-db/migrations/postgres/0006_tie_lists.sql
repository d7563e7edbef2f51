-- Each person's ties in one row, for the path search (issue 5): it reads one row per person
-- it reaches instead of one index entry per tie. Each tie is '<the other person: 32 hex
-- digits><the tie's ID: 32 hex digits><strength: one digit>' (65 characters), in no
-- particular order. Derived data: the triggers below keep it equal to `ties`; bulk writes
-- (imports, the demo, restores) build it themselves while they hold their owner's row in
-- `touch_log_bulk` (migration 0005), and the triggers stand aside meanwhile.
CREATE TABLE tie_lists (
    person_id  UUID PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    owner_id   UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    ties       TEXT NOT NULL
);
CREATE INDEX tie_lists_by_owner ON tie_lists (owner_id);

CREATE FUNCTION kith_tie_entry(other UUID, tie UUID, strength BIGINT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(other::text, '-', '') || replace(tie::text, '-', '') || strength::text
$$;

CREATE FUNCTION kith_tie_lists_rebuild(who UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM tie_lists WHERE person_id = ANY (who);
    INSERT INTO tie_lists (person_id, owner_id, ties)
    SELECT e.person, e.owner_id, string_agg(e.entry, '')
    FROM (SELECT a_id AS person, owner_id, kith_tie_entry(b_id, id, strength) AS entry
          FROM ties WHERE a_id = ANY (who)
          UNION ALL
          SELECT b_id, owner_id, kith_tie_entry(a_id, id, strength)
          FROM ties WHERE b_id = ANY (who)) e
    WHERE EXISTS (SELECT 1 FROM people p WHERE p.id = e.person)
    GROUP BY e.person, e.owner_id;
END
$$;

CREATE FUNCTION kith_tie_lists_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM touch_log_bulk WHERE owner_id = NEW.owner_id) THEN
        RETURN NULL;
    END IF;
    INSERT INTO tie_lists (person_id, owner_id, ties)
    VALUES (NEW.a_id, NEW.owner_id, kith_tie_entry(NEW.b_id, NEW.id, NEW.strength))
    ON CONFLICT (person_id) DO UPDATE SET ties = tie_lists.ties || EXCLUDED.ties;
    INSERT INTO tie_lists (person_id, owner_id, ties)
    VALUES (NEW.b_id, NEW.owner_id, kith_tie_entry(NEW.a_id, NEW.id, NEW.strength))
    ON CONFLICT (person_id) DO UPDATE SET ties = tie_lists.ties || EXCLUDED.ties;
    RETURN NULL;
END
$$;
CREATE TRIGGER tie_lists_add AFTER INSERT ON ties
    FOR EACH ROW EXECUTE FUNCTION kith_tie_lists_add();

CREATE FUNCTION kith_tie_lists_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kith_tie_lists_rebuild(ARRAY[OLD.a_id, OLD.b_id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER tie_lists_drop AFTER DELETE ON ties
    FOR EACH ROW EXECUTE FUNCTION kith_tie_lists_drop();

CREATE FUNCTION kith_tie_lists_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kith_tie_lists_rebuild(ARRAY[OLD.a_id, OLD.b_id, NEW.a_id, NEW.b_id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER tie_lists_move AFTER UPDATE OF a_id, b_id, strength ON ties
    FOR EACH ROW EXECUTE FUNCTION kith_tie_lists_move();

INSERT INTO tie_lists (person_id, owner_id, ties)
SELECT e.person, e.owner_id, string_agg(e.entry, '')
FROM (SELECT a_id AS person, owner_id, kith_tie_entry(b_id, id, strength) AS entry FROM ties
      UNION ALL
      SELECT b_id, owner_id, kith_tie_entry(a_id, id, strength) FROM ties) e
GROUP BY e.person, e.owner_id;
