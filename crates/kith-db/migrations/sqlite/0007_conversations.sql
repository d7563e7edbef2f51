-- The seeker's side of conversations (issue 6): who they are for drafts, the versions of
-- their elevator pitch, their own questions for the bank, what kith keeps beside an
-- interaction (the pitch used, the message sent and the linter's findings on it), and
-- promises either way (a follow-up owed by the person it is with, not by the seeker).
CREATE TABLE profiles (
    owner_id   BLOB PRIMARY KEY REFERENCES owners(id) ON DELETE CASCADE,
    name       TEXT,
    line       TEXT,
    -- Communities and interests, one per line, as tags are spelled.
    interests  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE pitches (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    label       TEXT,
    body        TEXT NOT NULL,
    current     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  INTEGER NOT NULL,
    UNIQUE (owner_id, version)
);
CREATE UNIQUE INDEX pitches_one_current ON pitches (owner_id) WHERE current;

CREATE TABLE own_questions (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    text        TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (owner_id, number)
);

CREATE TABLE interaction_extras (
    interaction_id  BLOB PRIMARY KEY REFERENCES interactions(id) ON DELETE CASCADE,
    owner_id        BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    pitch_id        BLOB REFERENCES pitches(id),
    message         TEXT,
    -- The linter's findings on `message` when it was logged, as a JSON array.
    findings        TEXT
);
CREATE INDEX interaction_extras_by_pitch ON interaction_extras (owner_id, pitch_id);

ALTER TABLE follow_ups ADD COLUMN owed_by TEXT NOT NULL DEFAULT 'me'
    CHECK (owed_by IN ('me', 'them'));
