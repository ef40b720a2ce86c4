package org.remoteassistance.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/token}: prints a valid token for the local stack.
 * <pre>
 *   bin/token admin [name]
 *   bin/token helpdesk &lt;name&gt; [scope tag…]
 *   bin/token device &lt;deviceId&gt;
 * </pre>
 */
public final class TokenMain {

    private TokenMain() {
    }

    public static void main(String[] args) {
        Path keys = Path.of(System.getenv().getOrDefault("DATA_DIR", ".data")).resolve("jwt");
        if (args.length == 0 || !Files.exists(keys.resolve(SigningKeys.PRIVATE_KEY_FILE))) {
            System.err.println(args.length == 0 ? usage()
                    : "No signing key in " + keys + ": start bin/run once, it creates the key pair.");
            System.exit(2);
        }
        Tokens tokens = Tokens.from(keys);
        String token = switch (args[0]) {
            case "admin" -> tokens.admin(args.length > 1 ? args[1] : "admin");
            case "helpdesk" -> args.length < 2 ? null
                    : args.length == 2 ? tokens.helpdesk(args[1])
                    : tokens.helpdesk(args[1], List.of(args).subList(2, args.length));
            case "device" -> args.length > 1 ? tokens.device(args[1]) : null;
            case "metrics" -> tokens.metrics(args.length > 1 ? args[1] : "metrics-scraper");
            default -> null;
        };
        if (token == null) {
            System.err.println(usage());
            System.exit(2);
        }
        System.out.println(token);
    }

    private static String usage() {
        return "usage: bin/token admin [name] | bin/token helpdesk <name> [scope tag…] | bin/token device <deviceId> | bin/token metrics [name]";
    }
}
