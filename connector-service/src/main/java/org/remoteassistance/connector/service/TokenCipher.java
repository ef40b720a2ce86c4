package org.remoteassistance.connector.service;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.remoteassistance.connector.config.ConnectorSettings;
import org.remoteassistance.connector.domain.SealedToken;

/**
 * Seals the partner API token with AES-256-GCM before it is stored, and opens it for a partner call. Each sealing has
 * a fresh 96-bit IV; the connector id is bound in as associated data, so a ciphertext cannot be moved to another row.
 */
@ApplicationScoped
@Startup
public class TokenCipher {

    private static final Logger LOG = Logger.getLogger(TokenCipher.class);
    /** The embedded default's key: public, for development only. */
    static final String DEVELOPMENT_KEY = "cmVtb3RlLWFzc2lzdGFuY2UtZGV2LWtleS0wMDAwMDE=";
    /** What the admin reads when the key was rotated: the reason and the one thing to do. */
    static final String SEALED_WITH_ANOTHER_KEY = "The stored token was encrypted with another encryption key; "
            + "enter the token again";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    @Inject
    ConnectorSettings settings;

    private SecretKey key;
    private String keyId;

    /** Fails the start with a clear message when the key is unusable, rather than at the first token. */
    @PostConstruct
    void loadKey() {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(settings.encryptionKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "remote-assistance.connector.encryption-key is not base64 (it must encode 32 random bytes)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("remote-assistance.connector.encryption-key must encode 32 bytes (AES-256),"
                    + " not " + bytes.length);
        }
        key = new SecretKeySpec(bytes, "AES");
        keyId = fingerprint(bytes);
        if (DEVELOPMENT_KEY.equals(settings.encryptionKey().trim())) {
            LOG.warn("The partner token is encrypted with the public development key; set "
                    + "REMOTE_ASSISTANCE_CONNECTOR_ENCRYPTION_KEY to a key of your own outside development");
        }
    }

    public SealedToken seal(String connectorId, String token) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(connectorId.getBytes(StandardCharsets.UTF_8));
            return new SealedToken(cipher.doFinal(token.getBytes(StandardCharsets.UTF_8)), iv, keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** @throws TokenUnreadableException when another key sealed it, or it was tampered with */
    public String open(String connectorId, SealedToken sealed) {
        if (!sealedWithCurrentKey(sealed)) {
            throw new TokenUnreadableException(SEALED_WITH_ANOTHER_KEY);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            cipher.updateAAD(connectorId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new TokenUnreadableException("The stored token cannot be decrypted; enter the token again");
        }
    }

    /** Whether the configured key sealed it (false after a key rotation, until the token is entered again). */
    public boolean sealedWithCurrentKey(SealedToken sealed) {
        return keyId.equals(sealed.keyId());
    }

    /** Names the key without revealing it: the first 12 bytes of its SHA-256, base64url. */
    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The stored token cannot be opened with the configured key. */
    public static class TokenUnreadableException extends RuntimeException {

        TokenUnreadableException(String message) {
            super(message);
        }
    }
}
