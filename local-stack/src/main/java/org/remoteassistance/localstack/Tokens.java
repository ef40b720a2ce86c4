package org.remoteassistance.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs the local stack's access tokens (RS256 JWTs): {@code admin}, {@code helpdesk <name> [scope tag…]} and
 * {@code device <deviceId>}. The services verify signature, issuer, audience and expiry, exactly as they would a
 * token of a real identity provider.
 */
public final class Tokens {

    public static final String ISSUER = "https://remote-assistance.local";
    public static final String AUDIENCE = "remote-assistance";
    /** The claim that binds a device token to its device. */
    public static final String DEVICE_CLAIM = "device_id";
    /** The claim that limits a help desk to the devices with one of its scope tags. */
    public static final String SCOPE_CLAIM = "scopes";

    private final PrivateKey key;

    public Tokens(PrivateKey key) {
        this.key = key;
    }

    public static Tokens from(Path keyDirectory) {
        return new Tokens(SigningKeys.readPrivateKey(keyDirectory));
    }

    public String admin(String name) {
        return sign(name, "admin", null, Duration.ofHours(8));
    }

    public String helpdesk(String name) {
        return sign(name, "helpdesk", null, Duration.ofHours(8));
    }

    /** A scoped help desk: it reaches only the devices with one of these scope tags. */
    public String helpdesk(String name, List<String> scopeTags) {
        Instant now = Instant.now();
        return sign(name, List.of("helpdesk"), null, scopeTags, now, now.plus(Duration.ofHours(8)));
    }

    /** A scraper's token: it may read /q/metrics and nothing else. */
    public String metrics(String name) {
        return sign(name, "metrics", null, Duration.ofDays(30));
    }

    public String device(String deviceId) {
        return sign("device:" + deviceId, "device", deviceId, Duration.ofDays(1));
    }

    /** A token with any role and lifetime (a negative one makes an expired token). */
    public String sign(String subject, String role, String deviceId, Duration lifetime) {
        Instant now = Instant.now();
        return sign(subject, List.of(role), deviceId, now, now.plus(lifetime));
    }

    /** A token with any roles, issue time and expiry: for tests of what the services refuse. */
    public String sign(String subject, List<String> roles, String deviceId, Instant issuedAt, Instant expiresAt) {
        return sign(subject, roles, deviceId, null, issuedAt, expiresAt);
    }

    private String sign(String subject, List<String> roles, String deviceId, List<String> scopeTags,
            Instant issuedAt, Instant expiresAt) {
        StringBuilder claims = new StringBuilder()
                .append("{\"iss\":\"").append(ISSUER).append('"')
                .append(",\"aud\":\"").append(AUDIENCE).append('"')
                .append(",\"sub\":\"").append(json(subject)).append('"')
                .append(",\"upn\":\"").append(json(subject)).append('"')
                .append(",\"groups\":[")
                .append(jsonArray(roles))
                .append(']')
                .append(",\"jti\":\"").append(UUID.randomUUID()).append('"')
                .append(",\"iat\":").append(issuedAt.getEpochSecond())
                .append(",\"exp\":").append(expiresAt.getEpochSecond());
        if (deviceId != null) {
            claims.append(",\"").append(DEVICE_CLAIM).append("\":\"").append(json(deviceId)).append('"');
        }
        if (scopeTags != null) {
            claims.append(",\"").append(SCOPE_CLAIM).append("\":[").append(jsonArray(scopeTags)).append(']');
        }
        claims.append('}');
        String unsigned = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims.toString());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonArray(List<String> values) {
        return String.join(",", values.stream().map(value -> "\"" + json(value) + "\"").toList());
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
