-- kith foundation schema (SQLite dialect). Append-only: never edit a released migration;
-- add the next one, with the same file name under ../postgres.
--
-- Every row carries owner_id and every query filters on it. IDs are UUIDv7 stored as
-- 16-byte blobs; instants are Unix milliseconds; calendar dates are ISO 'YYYY-MM-DD' text.

CREATE TABLE owners (
    id          BLOB PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE companies (
    id             BLOB PRIMARY KEY,
    owner_id       BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    handle         TEXT NOT NULL,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    domain         TEXT,
    location       TEXT,
    size           TEXT,
    remote_policy  TEXT,
    notes          TEXT,
    target         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (owner_id, handle)
);
CREATE INDEX companies_by_name ON companies (owner_id, name_key);

CREATE TABLE people (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    handle      TEXT NOT NULL,
    name        TEXT NOT NULL,
    company_id  BLOB REFERENCES companies(id) ON DELETE SET NULL,
    role        TEXT,
    location    TEXT,
    how_met     TEXT,
    note        TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (owner_id, handle)
);
CREATE INDEX people_by_company ON people (company_id);

CREATE TABLE person_contacts (
    owner_id   BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    person_id  BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'url')),
    value      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind, value)
);
CREATE INDEX person_contacts_by_value ON person_contacts (owner_id, kind, value);

CREATE TABLE person_tags (
    owner_id   BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    person_id  BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (person_id, tag)
);
CREATE INDEX person_tags_by_tag ON person_tags (owner_id, tag);

CREATE TABLE interactions (
    id           BLOB PRIMARY KEY,
    owner_id     BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    occurred_at  INTEGER NOT NULL,
    channel      TEXT,
    direction    TEXT NOT NULL,
    note         TEXT,
    created_at   INTEGER NOT NULL
);
CREATE INDEX interactions_by_time ON interactions (owner_id, occurred_at);

CREATE TABLE interaction_people (
    owner_id        BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    interaction_id  BLOB NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    person_id       BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (interaction_id, person_id)
);
CREATE INDEX interaction_people_by_person ON interaction_people (person_id);

CREATE TABLE ties (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    a_id        BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    b_id        BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    strength    INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 5),
    note        TEXT,
    inferred    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  INTEGER NOT NULL,
    CHECK (a_id <> b_id),
    UNIQUE (a_id, b_id)
);
CREATE INDEX ties_by_b ON ties (b_id);

CREATE TABLE follow_ups (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    person_id   BLOB REFERENCES people(id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    done_at     INTEGER,
    created_at  INTEGER NOT NULL,
    UNIQUE (owner_id, number)
);
CREATE INDEX follow_ups_by_due ON follow_ups (owner_id, done_at, due_date);
CREATE INDEX follow_ups_by_person ON follow_ups (person_id);

CREATE TABLE events (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    name        TEXT NOT NULL,
    event_date  TEXT NOT NULL,
    place       TEXT,
    url         TEXT,
    note        TEXT,
    created_at  INTEGER NOT NULL,
    UNIQUE (owner_id, number)
);

CREATE TABLE event_tags (
    owner_id  BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    event_id  BLOB NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (event_id, tag)
);

-- Full-text search. kith writes one document per person and per interaction with a note
-- into search_docs; the FTS5 index follows it through the triggers below.
CREATE TABLE search_docs (
    rowid        INTEGER PRIMARY KEY,
    owner_id     BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    doc_kind     TEXT NOT NULL CHECK (doc_kind IN ('person', 'interaction')),
    doc_id       BLOB NOT NULL UNIQUE,
    person_id    BLOB REFERENCES people(id) ON DELETE SET NULL,
    occurred_at  INTEGER,
    body         TEXT NOT NULL
);
CREATE INDEX search_docs_by_person ON search_docs (person_id);

CREATE VIRTUAL TABLE search_fts USING fts5 (
    body,
    content = 'search_docs',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
    INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
END;
