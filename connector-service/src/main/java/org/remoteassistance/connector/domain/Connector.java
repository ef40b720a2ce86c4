package org.remoteassistance.connector.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The partner connector (one row, {@code teamviewer}) and its encrypted API token. Its status changes only through
 * the methods below.
 */
@Entity
@Table(name = "connector")
public class Connector extends PanacheEntityBase {

    public static final String TEAMVIEWER = "teamviewer";

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectorStatus status;

    /** AES-GCM ciphertext of the token, tag included; never the token itself. */
    @Column(name = "token_ciphertext")
    public byte[] tokenCiphertext;

    @Column(name = "token_iv")
    public byte[] tokenIv;

    /** Which encryption key sealed the token (a fingerprint, not the key). */
    @Column(name = "token_key_id")
    public String tokenKeyId;

    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Column(name = "last_error")
    public String lastError;

    @Version
    public long version;

    public static Connector teamViewer() {
        return findById(TEAMVIEWER);
    }

    /** The partner accepted this (sealed) token just now. */
    public void connect(SealedToken token, Instant now) {
        tokenCiphertext = token.ciphertext();
        tokenIv = token.iv();
        tokenKeyId = token.keyId();
        status = ConnectorStatus.CONNECTED;
        connectedAt = now;
        lastCheckedAt = now;
        lastError = null;
    }

    /** The admin removed the token: it is erased, not just flagged. */
    public void disconnect() {
        tokenCiphertext = null;
        tokenIv = null;
        tokenKeyId = null;
        status = ConnectorStatus.DISCONNECTED;
        lastError = null;
    }

    /** The stored token cannot be used any more, for the reason given (which never holds the token). */
    public void fail(String reason, Instant now) {
        if (status == ConnectorStatus.CONNECTED) {
            status = ConnectorStatus.ERROR;
        }
        lastCheckedAt = now;
        lastError = reason;
    }

    public boolean isConnected() {
        return status == ConnectorStatus.CONNECTED && tokenCiphertext != null;
    }

    public SealedToken sealedToken() {
        return tokenCiphertext == null ? null : new SealedToken(tokenCiphertext, tokenIv, tokenKeyId);
    }
}
