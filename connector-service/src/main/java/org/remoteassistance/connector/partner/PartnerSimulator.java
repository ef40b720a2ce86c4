package org.remoteassistance.connector.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.remoteassistance.connector.config.PartnerSettings;

/**
 * An in-process partner that answers as TeamViewer's Web API does: one accepted token, service-queue sessions with
 * single-use codes valid for 24 hours, and refusals for unknown or closed codes. The embedded default, the demo and
 * the tests run against it. Its sessions live in memory and are forgotten on restart.
 */
@ApplicationScoped
@Typed(PartnerSimulator.class)
public class PartnerSimulator implements PartnerClient {

    static final Duration VALIDITY = Duration.ofHours(24);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, PartnerSession> sessions = new ConcurrentHashMap<>();

    @Inject
    PartnerSettings settings;

    @Override
    public boolean ping(String token) {
        return accepted(token);
    }

    @Override
    public PartnerSession createSession(String token, SessionRequest request) {
        authorise(token);
        Instant now = Instant.now();
        while (true) {
            String digits = digits(8);
            String code = "s" + digits.substring(0, 2) + "-" + digits.substring(2, 5) + "-" + digits.substring(5);
            PartnerSession session = new PartnerSession(code, PartnerSession.OPEN,
                    "https://start.teamviewer.com/" + digits + "/authorization/" + digits(12),
                    "https://get.teamviewer.com/s" + digits, now, now.plus(VALIDITY), null, request.description());
            if (sessions.putIfAbsent(code, session) == null) {
                return session;
            }
        }
    }

    @Override
    public PartnerSession getSession(String token, String code) {
        authorise(token);
        PartnerSession session = sessions.get(code);
        if (session == null) {
            throw new PartnerRefusedException(404, "not_found", "The partner knows no session " + code);
        }
        return session;
    }

    @Override
    public PartnerSession closeSession(String token, String code) {
        authorise(token);
        PartnerSession[] closed = new PartnerSession[1];
        PartnerSession before = sessions.computeIfPresent(code, (key, session) -> {
            if (!session.isOpen()) {
                return session;
            }
            closed[0] = new PartnerSession(session.code(), PartnerSession.CLOSED, session.supporterLink(),
                    session.endCustomerLink(), session.createdAt(), session.validUntil(), Instant.now(),
                    session.description());
            return closed[0];
        });
        if (before == null) {
            throw new PartnerRefusedException(404, "not_found", "The partner knows no session " + code);
        }
        if (closed[0] == null) {
            throw new PartnerRefusedException(400, "invalid_request",
                    "The partner session " + code + " is already closed and cannot be changed");
        }
        return closed[0];
    }

    /** Every session the simulator holds, open or closed: what the partner's session list would show. */
    public List<PartnerSession> list() {
        return List.copyOf(sessions.values());
    }

    private void authorise(String token) {
        if (!accepted(token)) {
            throw new PartnerRefusedException(401, "invalid_token", "The partner refused the API token");
        }
    }

    private boolean accepted(String token) {
        // constant time, like any secret comparison
        return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                settings.simulator().token().getBytes(StandardCharsets.UTF_8));
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
