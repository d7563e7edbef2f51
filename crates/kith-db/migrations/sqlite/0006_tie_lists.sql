-- Each person's ties in one row, for the path search (issue 5): it reads one row per person
-- it reaches instead of one index entry per tie. Each tie is '<the other person: 32 hex
-- digits><the tie's ID: 32 hex digits><strength: one digit>' (65 characters), in no
-- particular order. Derived data: the triggers below keep it equal to `ties`; bulk writes
-- (imports, the demo, restores) build it themselves while they hold their owner's row in
-- `touch_log_bulk` (migration 0005), and the triggers stand aside meanwhile.
CREATE TABLE tie_lists (
    person_id  BLOB PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    owner_id   BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    ties       TEXT NOT NULL
);
CREATE INDEX tie_lists_by_owner ON tie_lists (owner_id);

CREATE TRIGGER tie_lists_add AFTER INSERT ON ties
WHEN NOT EXISTS (SELECT 1 FROM touch_log_bulk WHERE owner_id = new.owner_id)
BEGIN
    INSERT INTO tie_lists (person_id, owner_id, ties)
    VALUES (new.a_id, new.owner_id, hex(new.b_id) || hex(new.id) || new.strength)
    ON CONFLICT (person_id) DO UPDATE SET ties = tie_lists.ties || excluded.ties;
    INSERT INTO tie_lists (person_id, owner_id, ties)
    VALUES (new.b_id, new.owner_id, hex(new.a_id) || hex(new.id) || new.strength)
    ON CONFLICT (person_id) DO UPDATE SET ties = tie_lists.ties || excluded.ties;
END;

CREATE TRIGGER tie_lists_drop AFTER DELETE ON ties BEGIN
    DELETE FROM tie_lists WHERE person_id IN (old.a_id, old.b_id);
    INSERT INTO tie_lists (person_id, owner_id, ties)
    SELECT e.person, old.owner_id, group_concat(e.entry, '')
    FROM (SELECT a_id AS person, hex(b_id) || hex(id) || strength AS entry
          FROM ties WHERE a_id IN (old.a_id, old.b_id)
          UNION ALL
          SELECT b_id, hex(a_id) || hex(id) || strength
          FROM ties WHERE b_id IN (old.a_id, old.b_id)) e
    WHERE EXISTS (SELECT 1 FROM people WHERE id = e.person)
    GROUP BY e.person;
END;

CREATE TRIGGER tie_lists_move AFTER UPDATE OF a_id, b_id, strength ON ties BEGIN
    DELETE FROM tie_lists WHERE person_id IN (old.a_id, old.b_id, new.a_id, new.b_id);
    INSERT INTO tie_lists (person_id, owner_id, ties)
    SELECT e.person, new.owner_id, group_concat(e.entry, '')
    FROM (SELECT a_id AS person, hex(b_id) || hex(id) || strength AS entry
          FROM ties WHERE a_id IN (old.a_id, old.b_id, new.a_id, new.b_id)
          UNION ALL
          SELECT b_id, hex(a_id) || hex(id) || strength
          FROM ties WHERE b_id IN (old.a_id, old.b_id, new.a_id, new.b_id)) e
    WHERE EXISTS (SELECT 1 FROM people WHERE id = e.person)
    GROUP BY e.person;
END;

INSERT INTO tie_lists (person_id, owner_id, ties)
SELECT e.person, e.owner_id, group_concat(e.entry, '')
FROM (SELECT a_id AS person, owner_id, hex(b_id) || hex(id) || strength AS entry FROM ties
      UNION ALL
      SELECT b_id, owner_id, hex(a_id) || hex(id) || strength FROM ties) e
GROUP BY e.person, e.owner_id;
