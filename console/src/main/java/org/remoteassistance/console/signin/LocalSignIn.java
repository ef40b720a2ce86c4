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
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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

    /** Between the scope tags a person types, or a provider's claim gives as one string. */
    static final Pattern TAG_SEPARATORS = Pattern.compile("[\\s,]+");
    /** A scope tag as the services take it (their EventRules.SCOPE_TAG): a token with another is refused there. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private volatile PrivateKey key;

    /** The scope tags typed on the sign-in page (blank for every device); empty if one is no tag. */
    public static Optional<List<String>> scopeTags(String typed) {
        List<String> tags = typed == null ? List.of() : TAG_SEPARATORS.splitAsStream(typed.strip())
                .filter(tag -> !tag.isEmpty()).distinct().toList();
        return tags.stream().allMatch(tag -> TAG.matcher(tag).matches()) && tags.size() <= 200
                ? Optional.of(tags) : Optional.empty();
    }

    public boolean enabled() {
        return settings.localSignIn().keyLocation().isPresent();
    }

    /**
     * Signs in as {@code role}; {@code name} for admins and the help desk, {@code deviceId} for a device user; a help
     * desk limited to {@code scopeTags} when there are any.
     */
    public Person signIn(Role role, String name, UUID deviceId, List<String> scopeTags) {
        List<String> scopes = role == Role.HELPDESK ? scopeTags : List.of();
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
        if (!scopes.isEmpty()) {
            claims.claim(settings.localSignIn().scopeClaim(), scopes);
        }
        return new Person(subject, role, role == Role.DEVICE ? deviceId : null, scopes, claims.jws().sign(key()),
                until);
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
