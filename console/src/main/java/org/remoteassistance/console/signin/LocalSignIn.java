package org.remoteassistance.console.signin;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.console.config.ConsoleSettings;

/**
 * The embedded default's sign-in: the console signs a token as {@code bin/token} does, with the key the local stack's
 * services trust. Off (and the sign-in page answers 404) unless that key is configured.
 */
@ApplicationScoped
public class LocalSignIn {

    @Inject
    ConsoleSettings settings;

    private volatile PrivateKey key;

    public boolean enabled() {
        return settings.localSignIn().keyLocation().isPresent();
    }

    /** Signs in as {@code role}; {@code name} for admins and the help desk, {@code deviceId} for a device user. */
    public Person signIn(Role role, String name, UUID deviceId) {
        Instant until = Instant.now().plus(settings.signInLifetime());
        String subject = role == Role.DEVICE ? "device:" + deviceId : name;
        var claims = Jwt.issuer(settings.localSignIn().issuer())
                .audience(settings.localSignIn().audience())
                .subject(subject)
                .upn(subject)
                .groups(role.group())
                .expiresAt(until);
        if (role == Role.DEVICE) {
            claims.claim(settings.localSignIn().deviceClaim(), deviceId.toString());
        }
        return new Person(subject, role, role == Role.DEVICE ? deviceId : null, claims.jws().sign(key()), until);
    }

    private PrivateKey key() {
        if (key == null) {
            Optional<String> location = settings.localSignIn().keyLocation();
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(Path.of(location.orElseThrow())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local signing key " + location.get(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the local signing key " + location.get() + " is not a PEM RSA key", e);
            }
        }
        return key;
    }
}
