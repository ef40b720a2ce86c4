package org.remoteassistance.localstack;

import java.nio.file.Path;

/**
 * The compose deployment's {@code signing-keys} one-shot service: makes the token signing key pair in the given folder
 * (a volume) unless it is there already, the same pair {@code bin/run} makes, so that the services find a public key
 * the first time and keep it across restarts (tokens made before a restart stay valid).
 * <pre>
 *   java -cp local-stack/target/classes org.remoteassistance.localstack.SigningKeysMain &lt;folder&gt;
 * </pre>
 */
public final class SigningKeysMain {

    private SigningKeysMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SigningKeysMain <folder>   (makes private-key.pem and public-key.pem there "
                    + "unless both are there)");
            System.exit(2);
        }
        Path publicKey = SigningKeys.ensure(Path.of(args[0]));
        System.out.println("Token signing key pair ready; the services verify tokens with " + publicKey);
    }
}
