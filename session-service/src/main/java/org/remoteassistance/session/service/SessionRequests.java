package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.remoteassistance.session.domain.RemoteAssistanceSession;

/**
 * Where new sessions come in from the API. Deliberately outside a transaction: when two requests for one device (or
 * one idempotency key) race, the loser's insert hits a unique index and its transaction is lost; trying once more in
 * a fresh transaction sees the winner's session and answers the way the rules say (409 naming it, the same session
 * for the same key). Another publisher's request that loses such a race is tried once more the same way, by the
 * {@code EventPipeline} applying it again in a transaction of its own, where it is rejected here with the reason.
 */
@ApplicationScoped
public class SessionRequests {

    /** PostgreSQL's unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    SessionService sessions;

    public RemoteAssistanceSession request(SessionRequest request) {
        return onceMoreIfRaceLost(() -> sessions.request(request));
    }

    private static <T> T onceMoreIfRaceLost(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            return attempt.get();
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
