-- The opportunity side (issue 7): target companies with a tier and a status, the seeker's
-- values rubric and each company's scores against it, leads, referrals and applications
-- with their histories, the follow-ups each referral left, and weekly goals. Every table
-- is owner-scoped; numbers are per owner, as for follow-ups.

CREATE TABLE targets (
    company_id  BLOB PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    tier        INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
    status      TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX targets_by_owner ON targets (owner_id);

CREATE TABLE company_values (
    owner_id  BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    weight    INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 5),
    position  INTEGER NOT NULL,
    PRIMARY KEY (owner_id, name)
);

CREATE TABLE value_scores (
    owner_id        BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    company_id      BLOB NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    value_name      TEXT NOT NULL,
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
    evidence        TEXT,
    interaction_id  BLOB REFERENCES interactions(id) ON DELETE SET NULL,
    scored_at       INTEGER NOT NULL,
    PRIMARY KEY (company_id, value_name),
    FOREIGN KEY (owner_id, value_name) REFERENCES company_values (owner_id, name)
        ON DELETE CASCADE
);
CREATE INDEX value_scores_by_owner ON value_scores (owner_id);

CREATE TABLE leads (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    company_id  BLOB NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    source_id   BLOB REFERENCES people(id) ON DELETE SET NULL,
    url         TEXT,
    heard_at    INTEGER NOT NULL,
    note        TEXT,
    next_step   TEXT,
    closed_at   INTEGER,
    UNIQUE (owner_id, number)
);
CREATE INDEX leads_by_company ON leads (company_id);
CREATE INDEX leads_by_source ON leads (source_id);

CREATE TABLE referrals (
    id           BLOB PRIMARY KEY,
    owner_id     BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    referrer_id  BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    lead_id      BLOB NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    UNIQUE (owner_id, number)
);
CREATE INDEX referrals_by_referrer ON referrals (referrer_id);
CREATE INDEX referrals_by_lead ON referrals (lead_id);

CREATE TABLE referral_moves (
    owner_id     BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    referral_id  BLOB NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    stage        TEXT NOT NULL,
    at           INTEGER NOT NULL,
    note         TEXT,
    PRIMARY KEY (referral_id, position)
);

-- The follow-ups a referral's stages left (they are ordinary follow-ups, so the agenda
-- and the calendar feed show them); moving the referral on completes the open ones.
CREATE TABLE referral_follow_ups (
    owner_id      BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    referral_id   BLOB NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    follow_up_id  BLOB NOT NULL REFERENCES follow_ups(id) ON DELETE CASCADE,
    PRIMARY KEY (referral_id, follow_up_id)
);
CREATE INDEX referral_follow_ups_by_follow_up ON referral_follow_ups (follow_up_id);

CREATE TABLE applications (
    id              BLOB PRIMARY KEY,
    owner_id        BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    company_id      BLOB NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    channel         TEXT NOT NULL,
    lead_id         BLOB REFERENCES leads(id) ON DELETE SET NULL,
    tailored        BOOLEAN,
    status          TEXT NOT NULL,
    applied_at      INTEGER NOT NULL,
    guard_override  TEXT,
    note            TEXT,
    UNIQUE (owner_id, number)
);
CREATE INDEX applications_by_company ON applications (company_id);
CREATE INDEX applications_by_lead ON applications (lead_id);

CREATE TABLE application_moves (
    owner_id        BLOB NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    application_id  BLOB NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    status          TEXT NOT NULL,
    at              INTEGER NOT NULL,
    note            TEXT,
    PRIMARY KEY (application_id, position)
);

CREATE TABLE goals (
    owner_id           BLOB PRIMARY KEY REFERENCES owners(id) ON DELETE CASCADE,
    new_conversations  INTEGER CHECK (new_conversations >= 0),
    coffee_chats       INTEGER CHECK (coffee_chats >= 0),
    follow_ups_done    INTEGER CHECK (follow_ups_done >= 0),
    applications       INTEGER CHECK (applications >= 0),
    application_cap    INTEGER CHECK (application_cap >= 0)
);
