package org.remoteassistance.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The local stack's token signing key pair (RSA 2048, PEM), made once and kept in the data folder: the services verify
 * tokens with the public key, {@code bin/token} signs with the private one. Never in git.
 */
public final class SigningKeys {

    public static final String PRIVATE_KEY_FILE = "private-key.pem";
    public static final String PUBLIC_KEY_FILE = "public-key.pem";

    private SigningKeys() {
    }

    /** Creates the pair in {@code directory} unless it is there already; returns the public key's path. */
    public static Path ensure(Path directory) {
        Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
        Path publicKey = directory.resolve(PUBLIC_KEY_FILE);
        try {
            if (Files.exists(privateKey) && Files.exists(publicKey)) {
                return publicKey;
            }
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            setPermissions(privateKey, "rw-------");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            // whatever the umask: in compose the services read it as another user than the one that made it
            setPermissions(publicKey, "rw-r--r--");
            return publicKey;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setPermissions(Path file, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to set
        }
    }

    public static PrivateKey readPrivateKey(Path directory) {
        try {
            String pem = Files.readString(directory.resolve(PRIVATE_KEY_FILE))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("unreadable private key in " + directory, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
