-- Live rooms and their ledger (SQLite). Keep in step with ../postgres/0002_rooms.sql.
CREATE TABLE rooms (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    stream_key TEXT NOT NULL,
    gifts TEXT NOT NULL,
    hls TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    likes_total BIGINT NOT NULL DEFAULT 0
);

-- One award per viewer per zone instance, and at most `limit` per zone instance (slots 1..limit;
-- no slot, NULL, when the zone pays every viewer once): a retry, a replay or a second instance
-- can never pay twice.
CREATE TABLE awards (
    id INTEGER PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms (id),
    session TEXT NOT NULL,
    zone TEXT NOT NULL,
    viewer TEXT NOT NULL,
    slot BIGINT,
    kind TEXT NOT NULL,
    amount DOUBLE PRECISION NOT NULL,
    pts BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (room_id, session, zone, viewer),
    UNIQUE (room_id, session, zone, slot)
);
CREATE INDEX awards_by_viewer ON awards (room_id, viewer);
