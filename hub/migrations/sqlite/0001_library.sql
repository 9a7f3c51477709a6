-- Lantern Hub's library (SQLite). Keep in step with ../postgres/0001_library.sql.
CREATE TABLE tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);

CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    capabilities TEXT NOT NULL,
    report TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    reviewed_by TEXT,
    reviewed_at BIGINT,
    reason TEXT,
    manifest TEXT,
    signature TEXT,
    UNIQUE (name, version)
);
CREATE INDEX versions_by_status ON versions (status, name);

CREATE TABLE previews (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    idx BIGINT NOT NULL,
    photo TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    sha256 TEXT,
    PRIMARY KEY (version_id, idx)
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
