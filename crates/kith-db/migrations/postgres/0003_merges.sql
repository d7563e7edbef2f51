-- People merged into others (kith merge KEEP ABSORB): the absorbed person as they were,
-- so the history says what was folded in and when.
CREATE TABLE merges (
    id               UUID PRIMARY KEY,
    owner_id         UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    kept_id          UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    absorbed_handle  TEXT NOT NULL,
    absorbed_json    TEXT NOT NULL,
    merged_at        BIGINT NOT NULL
);
CREATE INDEX merges_by_time ON merges (owner_id, merged_at);
