-- Accord's SQLite schema, version 1.
--
-- Times are UTC text in one fixed-width form, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`,
-- so that text order is time order. Amounts are integer minor units.
-- Never edit this file once released: add a new migration instead.

CREATE TABLE contracts (
    id       TEXT NOT NULL PRIMARY KEY,
    currency TEXT NOT NULL,
    -- The contract header as JSON.
    body     TEXT NOT NULL
) STRICT;

CREATE TABLE feed_events (
    id          TEXT NOT NULL PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    ordinal     INTEGER NOT NULL CHECK (ordinal >= 1),
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    -- SHA-256 hex of the event's canonical JSON.
    digest      TEXT NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (contract_id, ordinal)
) STRICT;

-- The queue's projection: one row per case, rebuilt from case_events.
CREATE TABLE cases (
    id                  TEXT NOT NULL PRIMARY KEY,
    contract_id         TEXT NOT NULL REFERENCES contracts (id),
    title               TEXT NOT NULL,
    client_name         TEXT NOT NULL,
    freelancer_name     TEXT NOT NULL,
    ground              TEXT NOT NULL,
    policy              TEXT NOT NULL,
    status              TEXT NOT NULL,
    outcome             TEXT,
    assigned_to         TEXT,
    currency            TEXT NOT NULL,
    disputed_minor      INTEGER NOT NULL,
    filed_at            TEXT NOT NULL,
    next_due            TEXT,
    next_clock          TEXT,
    to_freelancer_minor INTEGER,
    to_client_minor     INTEGER,
    resolved_at         TEXT,
    -- Number of events in the case's log (= its last seq); the append check.
    version             INTEGER NOT NULL CHECK (version >= 1),
    chain_head          TEXT NOT NULL,
    -- Lower-cased party names (Unicode-aware, computed by the store) for the
    -- queue's search, separated by U+001F.
    search_text         TEXT NOT NULL
) STRICT;

CREATE INDEX cases_by_status      ON cases (status);
CREATE INDEX cases_by_assigned_to ON cases (assigned_to);
CREATE INDEX cases_by_next_due    ON cases (next_due, id);
CREATE INDEX cases_by_disputed    ON cases (disputed_minor, id);
CREATE INDEX cases_by_filed_at    ON cases (filed_at, id);
CREATE INDEX cases_by_contract    ON cases (contract_id);

-- Each case's append-only log.
CREATE TABLE case_events (
    case_id TEXT NOT NULL REFERENCES cases (id),
    seq     INTEGER NOT NULL CHECK (seq >= 1),
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    actor   TEXT NOT NULL,
    -- The event as canonical JSON.
    body    TEXT NOT NULL,
    -- The audit chain's link, as the app computed it.
    hash    TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
) STRICT, WITHOUT ROWID;

-- History is never edited through the app. (Someone with a database tool can
-- still drop these triggers; the audit chain is what catches that.)
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only: events are never updated');
END;

CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only: events are never deleted');
END;

CREATE TRIGGER feed_events_no_update BEFORE UPDATE ON feed_events
BEGIN
    SELECT RAISE(ABORT, 'feed_events is append-only: feed events are never updated');
END;

CREATE TRIGGER feed_events_no_delete BEFORE DELETE ON feed_events
BEGIN
    SELECT RAISE(ABORT, 'feed_events is append-only: feed events are never deleted');
END;
