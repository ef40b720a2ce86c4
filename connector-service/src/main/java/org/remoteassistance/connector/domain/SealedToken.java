package org.remoteassistance.connector.domain;

/**
 * An API token as it is stored: AES-GCM ciphertext (tag included), its IV, and the fingerprint of the key that sealed
 * it. Never printed: {@link #toString()} says nothing.
 */
public record SealedToken(byte[] ciphertext, byte[] iv, String keyId) {

    @Override
    public String toString() {
        return "SealedToken[key " + keyId + "]";
    }
}
