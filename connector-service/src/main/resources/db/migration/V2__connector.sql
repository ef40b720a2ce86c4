-- The partner connector: one row per partner ('teamviewer'). The API token is stored only AES-GCM encrypted.
CREATE TABLE connector (
    id               VARCHAR(32)  PRIMARY KEY,
    status           VARCHAR(32)  NOT NULL,
    token_ciphertext BYTEA,
    token_iv         BYTEA,
    token_key_id     VARCHAR(64),
    connected_at     TIMESTAMP WITH TIME ZONE,
    last_checked_at  TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT connector_status CHECK (status IN ('NOT_CONFIGURED', 'CONNECTED', 'ERROR', 'DISCONNECTED')),
    CONSTRAINT connector_sealed_token CHECK ((token_ciphertext IS NULL) = (token_iv IS NULL)
        AND (token_ciphertext IS NULL) = (token_key_id IS NULL))
);

INSERT INTO connector (id, status) VALUES ('teamviewer', 'NOT_CONFIGURED');

-- The partner session held for each remote assistance session (code NULL: the session ended before one was made).
CREATE TABLE partner_session (
    session_id        UUID         PRIMARY KEY,
    device_id         UUID         NOT NULL,
    code              VARCHAR(64),
    state             VARCHAR(32)  NOT NULL,
    supporter_link    VARCHAR(2048),
    end_customer_link VARCHAR(2048),
    valid_until       TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at         TIMESTAMP WITH TIME ZONE,
    last_error        VARCHAR(1000),
    CONSTRAINT partner_session_state CHECK (state IN ('OPEN', 'CLOSE_PENDING', 'CLOSED'))
);

-- At most one open partner session per device, even with several instances consuming at once.
CREATE UNIQUE INDEX partner_session_one_open_per_device ON partner_session (device_id) WHERE state = 'OPEN';
CREATE INDEX partner_session_close_pending ON partner_session (state) WHERE state = 'CLOSE_PENDING';

-- Read model of device-service's devices (topic remote-assistance.devices).
CREATE TABLE known_device (
    id         UUID    PRIMARY KEY,
    retired    BOOLEAN NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
