-- The relationship engine's memory (issue 4): what the seeker decided about a relationship
-- (its circle, its own cadence, a snooze, a stage set by hand), a per-person log of touches
-- kept up to date by triggers so the agenda reads one row per person instead of every
-- interaction, and who the seeker met at which event.

CREATE TABLE rhythms (
    person_id      BLOB PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    owner_id       BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    circle         TEXT,
    ideal_days     INTEGER,
    max_days       INTEGER,
    snoozed_until  INTEGER,
    stage          TEXT,
    stage_note     TEXT,
    stage_set_at   INTEGER,
    CHECK ((ideal_days IS NULL) = (max_days IS NULL)),
    CHECK ((stage IS NULL) = (stage_set_at IS NULL))
);
CREATE INDEX rhythms_by_owner ON rhythms (owner_id);

-- One row per person with at least one interaction: every touch as
-- '<unix ms> <kind> <direction>;' in no particular order, and the latest instant.
-- Derived data: the triggers below keep it equal to what interactions say.
CREATE TABLE touch_logs (
    person_id  BLOB PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    owner_id   BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    last_at    INTEGER NOT NULL,
    touches    TEXT NOT NULL
);
CREATE INDEX touch_logs_by_owner ON touch_logs (owner_id);

CREATE TRIGGER touch_logs_add AFTER INSERT ON interaction_people BEGIN
    INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
    SELECT new.person_id, new.owner_id, i.occurred_at,
           i.occurred_at || ' ' || i.kind || ' ' || i.direction || ';'
    FROM interactions i WHERE i.id = new.interaction_id
    ON CONFLICT (person_id) DO UPDATE SET
        last_at = max(touch_logs.last_at, excluded.last_at),
        touches = touch_logs.touches || excluded.touches;
END;

CREATE TRIGGER touch_logs_drop AFTER DELETE ON interaction_people BEGIN
    DELETE FROM touch_logs WHERE person_id = old.person_id;
    INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
    SELECT ip.person_id, ip.owner_id, max(i.occurred_at),
           group_concat(i.occurred_at || ' ' || i.kind || ' ' || i.direction || ';', '')
    FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
    WHERE ip.person_id = old.person_id
      AND EXISTS (SELECT 1 FROM people WHERE id = old.person_id)
    GROUP BY ip.person_id, ip.owner_id;
END;

CREATE TRIGGER touch_logs_move AFTER UPDATE OF person_id, interaction_id ON interaction_people BEGIN
    DELETE FROM touch_logs WHERE person_id IN (old.person_id, new.person_id);
    INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
    SELECT ip.person_id, ip.owner_id, max(i.occurred_at),
           group_concat(i.occurred_at || ' ' || i.kind || ' ' || i.direction || ';', '')
    FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
    WHERE ip.person_id IN (old.person_id, new.person_id)
      AND EXISTS (SELECT 1 FROM people WHERE id = ip.person_id)
    GROUP BY ip.person_id, ip.owner_id;
END;

CREATE TRIGGER touch_logs_retouch AFTER UPDATE OF occurred_at, kind, direction ON interactions BEGIN
    DELETE FROM touch_logs
    WHERE person_id IN (SELECT person_id FROM interaction_people WHERE interaction_id = new.id);
    INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
    SELECT ip.person_id, ip.owner_id, max(i.occurred_at),
           group_concat(i.occurred_at || ' ' || i.kind || ' ' || i.direction || ';', '')
    FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
    WHERE ip.person_id IN (SELECT person_id FROM interaction_people WHERE interaction_id = new.id)
    GROUP BY ip.person_id, ip.owner_id;
END;

INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
SELECT ip.person_id, ip.owner_id, max(i.occurred_at),
       group_concat(i.occurred_at || ' ' || i.kind || ' ' || i.direction || ';', '')
FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
GROUP BY ip.person_id, ip.owner_id;

-- Who the seeker met at an event (kith event met), with the meetup interaction it logged.
CREATE TABLE event_people (
    owner_id        BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    event_id        BLOB NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id       BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    interaction_id  BLOB REFERENCES interactions(id) ON DELETE SET NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_people_by_person ON event_people (person_id);
CREATE INDEX events_by_date ON events (owner_id, event_date);
