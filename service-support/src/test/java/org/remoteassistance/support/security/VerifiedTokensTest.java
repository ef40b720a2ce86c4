package org.remoteassistance.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    /** Stands for smallrye-jwt's verifier: counts the verifications, refuses "forged", expires every token at +60 s. */
    private static final class CountingVerifier extends DefaultJWTParser {
        int verifications;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications++;
            if (token.startsWith("forged")) {
                throw new ParseException("signature does not verify");
            }
            return new Token(token, NOW.getEpochSecond() + 60);
        }
    }

    private record Token(String getName, long exp) implements JsonWebToken {
        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
        }
    }

    private static VerifiedTokens at(Instant now, CountingVerifier verifier) {
        VerifiedTokens tokens = new VerifiedTokens(Clock.fixed(now, ZoneOffset.UTC));
        tokens.verifier = verifier;
        return tokens;
    }

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() throws ParseException {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = at(NOW, verifier);
        JsonWebToken first = tokens.parse("admin-token");
        assertSame(first, tokens.parse("admin-token"));
        assertEquals(1, verifier.verifications);
        tokens.parse("another-token");
        assertEquals(2, verifier.verifications);
    }

    @Test
    void anExpiredTokenIsVerifiedAgainSoTheVerifierDecides() throws ParseException {
        CountingVerifier verifier = new CountingVerifier();
        Instant[] now = {NOW.plusSeconds(59)};
        VerifiedTokens tokens = new VerifiedTokens(new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
        tokens.verifier = verifier;
        tokens.parse("admin-token");
        tokens.parse("admin-token");
        assertEquals(1, verifier.verifications);
        now[0] = NOW.plusSeconds(60); // its expiry: from now on the verifier (and its clock skew) decides each time
        tokens.parse("admin-token");
        tokens.parse("admin-token");
        assertEquals(3, verifier.verifications);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = at(NOW, verifier);
        assertThrows(ParseException.class, () -> tokens.parse("forged-token"));
        assertThrows(ParseException.class, () -> tokens.parse("forged-token"));
        assertEquals(2, verifier.verifications);
    }

    @Test
    void theMemoryStartsOverWhenFull() throws ParseException {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = at(NOW, verifier);
        for (int i = 0; i <= VerifiedTokens.CAPACITY; i++) {
            tokens.parse("token-" + i);
        }
        tokens.parse("token-0");
        assertEquals(VerifiedTokens.CAPACITY + 2, verifier.verifications);
    }
}
