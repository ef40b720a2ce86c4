package org.remoteassistance.connector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The connector's own settings; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "remote-assistance.connector")
public interface ConnectorSettings {

    /**
     * The AES-256 key (base64 of 32 bytes) that encrypts the stored partner token. The embedded default is a fixed
     * development key: production sets its own through {@code REMOTE_ASSISTANCE_CONNECTOR_ENCRYPTION_KEY}.
     */
    String encryptionKey();

    /**
     * How long a session request for a device this service has not heard of yet waits for the device's event
     * before it is rejected: the devices topic and the requests topic are read independently.
     */
    Duration unknownDeviceGrace();

    /**
     * How long a session request for a device whose previous partner session is still open waits for that session's
     * {@code SessionEnded} before it is rejected {@code SESSION_ALREADY_OPEN}: the session service accepts a new
     * request only once the previous session ended, but its {@code SessionEnded} travels on another topic and can
     * arrive after the new request.
     */
    Duration earlierSessionGrace();

    /**
     * How many session requests are served at once (each mostly waits on the partner's API), in order per session;
     * the poll waits while all of them are busy.
     */
    @WithDefault("16")
    int requestsAtOnce();
}
