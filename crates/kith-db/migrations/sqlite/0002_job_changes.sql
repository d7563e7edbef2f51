-- Job changes kith noticed in imports (a newer LinkedIn export with another company or
-- role): later turned into "congratulate them" touchpoints.
CREATE TABLE job_changes (
    id            BLOB PRIMARY KEY,
    owner_id      BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    person_id     BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    old_company   TEXT,
    old_role      TEXT,
    new_company   TEXT,
    new_role      TEXT,
    source        TEXT NOT NULL,
    detected_at   INTEGER NOT NULL
);
CREATE INDEX job_changes_by_person ON job_changes (person_id);
CREATE INDEX job_changes_by_time ON job_changes (owner_id, detected_at);
