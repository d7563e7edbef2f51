-- The relationship engine's memory (issue 4): what the seeker decided about a relationship
-- (its circle, its own cadence, a snooze, a stage set by hand), a per-person log of touches
-- kept up to date by triggers so the agenda reads one row per person instead of every
-- interaction, and who the seeker met at which event.

CREATE TABLE rhythms (
    person_id      UUID PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    owner_id       UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    circle         TEXT,
    ideal_days     BIGINT,
    max_days       BIGINT,
    snoozed_until  BIGINT,
    stage          TEXT,
    stage_note     TEXT,
    stage_set_at   BIGINT,
    CHECK ((ideal_days IS NULL) = (max_days IS NULL)),
    CHECK ((stage IS NULL) = (stage_set_at IS NULL))
);
CREATE INDEX rhythms_by_owner ON rhythms (owner_id);

-- One row per person with at least one interaction: every touch as
-- '<unix ms> <kind> <direction>;' in no particular order, and the latest instant.
-- Derived data: the triggers below keep it equal to what interactions say.
CREATE TABLE touch_logs (
    person_id  UUID PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    owner_id   UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    last_at    BIGINT NOT NULL,
    touches    TEXT NOT NULL
);
CREATE INDEX touch_logs_by_owner ON touch_logs (owner_id);

CREATE FUNCTION kith_touch_logs_rebuild(who UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM touch_logs WHERE person_id = ANY (who);
    INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
    SELECT ip.person_id, ip.owner_id, max(i.occurred_at),
           string_agg(i.occurred_at::text || ' ' || i.kind || ' ' || i.direction || ';', '')
    FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
    WHERE ip.person_id = ANY (who)
      AND EXISTS (SELECT 1 FROM people p WHERE p.id = ip.person_id)
    GROUP BY ip.person_id, ip.owner_id;
END
$$;

CREATE FUNCTION kith_touch_logs_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER touch_logs_add AFTER INSERT ON interaction_people
    FOR EACH ROW EXECUTE FUNCTION kith_touch_logs_add();

CREATE FUNCTION kith_touch_logs_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kith_touch_logs_rebuild(ARRAY[OLD.person_id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER touch_logs_drop AFTER DELETE ON interaction_people
    FOR EACH ROW EXECUTE FUNCTION kith_touch_logs_drop();

CREATE FUNCTION kith_touch_logs_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kith_touch_logs_rebuild(ARRAY[OLD.person_id, NEW.person_id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER touch_logs_move AFTER UPDATE OF person_id, interaction_id ON interaction_people
    FOR EACH ROW EXECUTE FUNCTION kith_touch_logs_move();

CREATE FUNCTION kith_touch_logs_retouch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kith_touch_logs_rebuild(ARRAY(
        SELECT person_id FROM interaction_people WHERE interaction_id = NEW.id));
    RETURN NULL;
END
$$;
CREATE TRIGGER touch_logs_retouch AFTER UPDATE OF occurred_at, kind, direction ON interactions
    FOR EACH ROW EXECUTE FUNCTION kith_touch_logs_retouch();

INSERT INTO touch_logs (person_id, owner_id, last_at, touches)
SELECT ip.person_id, ip.owner_id, max(i.occurred_at),
       string_agg(i.occurred_at::text || ' ' || i.kind || ' ' || i.direction || ';', '')
FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
GROUP BY ip.person_id, ip.owner_id;

-- Who the seeker met at an event (kith event met), with the meetup interaction it logged.
CREATE TABLE event_people (
    owner_id        UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    event_id        UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id       UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    interaction_id  UUID REFERENCES interactions(id) ON DELETE SET NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_people_by_person ON event_people (person_id);
CREATE INDEX events_by_date ON events (owner_id, event_date);
