package org.remoteassistance.connector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.remoteassistance.connector.config.ConnectorSettings;
import org.remoteassistance.connector.domain.SealedToken;

/** The stored token is AES-GCM sealed; a key rotation makes old ciphertexts unreadable, never silently wrong. */
class TokenCipherTest {

    static final String TOKEN = "12345678-AbCdEfGhIjKlMnOpQrSt";

    @Test
    void sealsAndOpensWithTheSameKey() {
        TokenCipher cipher = cipher(randomKey());

        SealedToken sealed = cipher.seal("teamviewer", TOKEN);

        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains(TOKEN));
        assertFalse(sealed.toString().contains(TOKEN));
        assertEquals(TOKEN, cipher.open("teamviewer", sealed));
    }

    @Test
    void aTokenSealedWithAnotherKeyIsUnreadableAndSaysWhatToDo() {
        SealedToken sealed = cipher(randomKey()).seal("teamviewer", TOKEN);

        TokenCipher.TokenUnreadableException unreadable = assertThrows(TokenCipher.TokenUnreadableException.class,
                () -> cipher(randomKey()).open("teamviewer", sealed));
        assertTrue(unreadable.getMessage().contains("enter the token again"));
    }

    @Test
    void aTamperedCiphertextOrAnotherRowIsRefused() {
        TokenCipher cipher = cipher(randomKey());
        SealedToken sealed = cipher.seal("teamviewer", TOKEN);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;

        assertThrows(TokenCipher.TokenUnreadableException.class,
                () -> cipher.open("teamviewer", new SealedToken(tampered, sealed.iv(), sealed.keyId())));
        assertThrows(TokenCipher.TokenUnreadableException.class, () -> cipher.open("another-partner", sealed));
    }

    @Test
    void aKeyThatIsNot32BytesStopsTheStart() {
        assertThrows(IllegalStateException.class,
                () -> cipher(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalStateException.class, () -> cipher("not base64!"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static TokenCipher cipher(String key) {
        TokenCipher cipher = new TokenCipher();
        cipher.settings = new ConnectorSettings() {
            @Override
            public String encryptionKey() {
                return key;
            }

            @Override
            public Duration unknownDeviceGrace() {
                return Duration.ZERO;
            }

            @Override
            public Duration earlierSessionGrace() {
                return Duration.ZERO;
            }

            @Override
            public int requestsAtOnce() {
                return 1;
            }
        };
        cipher.loadKey();
        return cipher;
    }
}
