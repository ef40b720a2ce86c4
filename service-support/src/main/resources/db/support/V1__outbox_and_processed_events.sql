-- Shared by every service, created in that service's own schema.

-- Events written with the state change they report, relayed to Kafka and then deleted.
CREATE TABLE outbox_message (
    position       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       VARCHAR(64)  NOT NULL UNIQUE,
    event_type     VARCHAR(64)  NOT NULL,
    topic          VARCHAR(255) NOT NULL,
    message_key    VARCHAR(255) NOT NULL,
    source         VARCHAR(255) NOT NULL,
    schema_version VARCHAR(16)  NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    payload        TEXT NOT NULL
);

-- Ids of consumed events, written in the same transaction as their effect: a redelivery changes nothing.
CREATE TABLE processed_event (
    consumer     VARCHAR(64)  NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    event_type   VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
