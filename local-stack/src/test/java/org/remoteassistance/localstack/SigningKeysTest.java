package org.remoteassistance.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose deployment's signing-keys service runs at every start: it must make the pair once and keep it. */
class SigningKeysTest {

    @TempDir
    Path keys;

    @Test
    void makesThePairOnceAndKeepsItAtTheNextStart() throws IOException {
        SigningKeysMain.main(new String[] {keys.toString()});
        String publicKey = Files.readString(keys.resolve(SigningKeys.PUBLIC_KEY_FILE));
        String privateKey = Files.readString(keys.resolve(SigningKeys.PRIVATE_KEY_FILE));
        assertTrue(publicKey.startsWith("-----BEGIN PUBLIC KEY-----"), publicKey);
        assertTrue(privateKey.startsWith("-----BEGIN PRIVATE KEY-----"));

        SigningKeysMain.main(new String[] {keys.toString()});

        assertEquals(publicKey, Files.readString(keys.resolve(SigningKeys.PUBLIC_KEY_FILE)));
        assertEquals(privateKey, Files.readString(keys.resolve(SigningKeys.PRIVATE_KEY_FILE)));
    }

    @Test
    void onlyItsOwnerReadsThePrivateKeyAndAnyoneThePublicOne() throws IOException {
        SigningKeys.ensure(keys);
        assertEquals("rw-------", permissions(SigningKeys.PRIVATE_KEY_FILE));
        // the services run as another user than the one that makes the keys
        assertEquals("rw-r--r--", permissions(SigningKeys.PUBLIC_KEY_FILE));
    }

    private String permissions(String file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file)));
    }
}
