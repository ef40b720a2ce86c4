package org.remoteassistance.support.failure;

import java.sql.SQLException;

/** What PostgreSQL's SQLStates mean to the services, read in one place. */
public final class PostgresErrors {

    /** unique_violation: another transaction inserted the same key first. */
    public static final String UNIQUE_VIOLATION = "23505";

    private PostgresErrors() {
    }

    /**
     * Whether the failure is a unique index refusing an insert: the loser of a race, which sees the winner's row when
     * it tries again in a new transaction.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLState classes that pass: 08 connection exception, 57P operator intervention (admin shutdown, crash, cannot
     * connect now), 53 insufficient resources (too many connections), 40001 serialization failure, 40P01 deadlock,
     * 55P03 lock not available.
     */
    static boolean isPassing(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.equals("40001") || state.equals("40P01") || state.equals("55P03");
    }
}
