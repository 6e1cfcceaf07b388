-- sync: registered phones, every event they sent (applied exactly once), and the change feed back to them.
CREATE TABLE devices (
    id             UUID PRIMARY KEY,
    stand_id       BIGINT NOT NULL,
    name           VARCHAR(120) NOT NULL,
    platform       VARCHAR(300),
    registered_by  BIGINT NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    last_sequence  BIGINT NOT NULL DEFAULT 0,
    last_push_at   TIMESTAMP WITH TIME ZONE,
    clock_skew_ms  BIGINT
);
CREATE INDEX devices_stand_ix ON devices (stand_id);

CREATE TABLE device_events (
    device_id     UUID NOT NULL REFERENCES devices (id),
    sequence      BIGINT NOT NULL,
    event_id      UUID NOT NULL,
    type          VARCHAR(40) NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE,
    corrected_at  TIMESTAMP WITH TIME ZONE,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    latitude      DOUBLE PRECISION,
    longitude     DOUBLE PRECISION,
    payload       VARCHAR,
    status        VARCHAR(10) NOT NULL,
    reason        VARCHAR(500),
    PRIMARY KEY (device_id, sequence),
    CONSTRAINT device_events_event_uq UNIQUE (event_id),
    CONSTRAINT device_events_status_ck CHECK (status IN ('APPLIED', 'POISON'))
);
CREATE INDEX device_events_poison_ix ON device_events (status);

-- one row, locked by every writer of the feed, so cursors become visible in the order they were taken
CREATE TABLE feed_clock (
    id     INT PRIMARY KEY,
    last_cursor  BIGINT NOT NULL
);
INSERT INTO feed_clock (id, last_cursor) VALUES (1, 1); -- 0 is the cursor of a phone that has nothing yet

CREATE TABLE feed (
    cursor    BIGINT PRIMARY KEY,
    stand_id  BIGINT,
    part      VARCHAR(16) NOT NULL,
    at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX feed_stand_ix ON feed (stand_id, cursor);
