-- kith foundation schema (PostgreSQL dialect). Append-only: never edit a released
-- migration; add the next one, with the same file name under ../sqlite.
--
-- Every row carries owner_id and every query filters on it. Instants are Unix
-- milliseconds; calendar dates are ISO 'YYYY-MM-DD' text, so both dialects share the SQL.

CREATE TABLE owners (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE companies (
    id             UUID PRIMARY KEY,
    owner_id       UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    handle         TEXT NOT NULL,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    domain         TEXT,
    location       TEXT,
    size           TEXT,
    remote_policy  TEXT,
    notes          TEXT,
    target         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    UNIQUE (owner_id, handle)
);
CREATE INDEX companies_by_name ON companies (owner_id, name_key);

CREATE TABLE people (
    id          UUID PRIMARY KEY,
    owner_id    UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    handle      TEXT NOT NULL,
    name        TEXT NOT NULL,
    company_id  UUID REFERENCES companies(id) ON DELETE SET NULL,
    role        TEXT,
    location    TEXT,
    how_met     TEXT,
    note        TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (owner_id, handle)
);
CREATE INDEX people_by_company ON people (company_id);

CREATE TABLE person_contacts (
    owner_id   UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    person_id  UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'url')),
    value      TEXT NOT NULL,
    position   BIGINT NOT NULL,
    PRIMARY KEY (person_id, kind, value)
);
CREATE INDEX person_contacts_by_value ON person_contacts (owner_id, kind, value);

CREATE TABLE person_tags (
    owner_id   UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    person_id  UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (person_id, tag)
);
CREATE INDEX person_tags_by_tag ON person_tags (owner_id, tag);

CREATE TABLE interactions (
    id           UUID PRIMARY KEY,
    owner_id     UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    occurred_at  BIGINT NOT NULL,
    channel      TEXT,
    direction    TEXT NOT NULL,
    note         TEXT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX interactions_by_time ON interactions (owner_id, occurred_at);

CREATE TABLE interaction_people (
    owner_id        UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    interaction_id  UUID NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    person_id       UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position        BIGINT NOT NULL,
    PRIMARY KEY (interaction_id, person_id)
);
CREATE INDEX interaction_people_by_person ON interaction_people (person_id);

CREATE TABLE ties (
    id          UUID PRIMARY KEY,
    owner_id    UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    a_id        UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    b_id        UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    strength    BIGINT NOT NULL CHECK (strength BETWEEN 1 AND 5),
    note        TEXT,
    inferred    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    CHECK (a_id <> b_id),
    UNIQUE (a_id, b_id)
);
CREATE INDEX ties_by_b ON ties (b_id);

CREATE TABLE follow_ups (
    id          UUID PRIMARY KEY,
    owner_id    UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number      BIGINT NOT NULL,
    person_id   UUID REFERENCES people(id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    done_at     BIGINT,
    created_at  BIGINT NOT NULL,
    UNIQUE (owner_id, number)
);
CREATE INDEX follow_ups_by_due ON follow_ups (owner_id, done_at, due_date);
CREATE INDEX follow_ups_by_person ON follow_ups (person_id);

CREATE TABLE events (
    id          UUID PRIMARY KEY,
    owner_id    UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number      BIGINT NOT NULL,
    name        TEXT NOT NULL,
    event_date  TEXT NOT NULL,
    place       TEXT,
    url         TEXT,
    note        TEXT,
    created_at  BIGINT NOT NULL,
    UNIQUE (owner_id, number)
);

CREATE TABLE event_tags (
    owner_id  UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    event_id  UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (event_id, tag)
);

-- Full-text search: one document per person and per interaction with a note; the
-- tsvector is generated from the body and indexed with GIN.
CREATE TABLE search_docs (
    rowid        BIGSERIAL PRIMARY KEY,
    owner_id     UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    doc_kind     TEXT NOT NULL CHECK (doc_kind IN ('person', 'interaction')),
    doc_id       UUID NOT NULL UNIQUE,
    person_id    UUID REFERENCES people(id) ON DELETE SET NULL,
    occurred_at  BIGINT,
    body         TEXT NOT NULL,
    tsv          TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
);
CREATE INDEX search_docs_by_person ON search_docs (person_id);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
