package org.remoteassistance.support.failure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresErrorsTest {

    @Test
    void aUniqueViolationIsFoundBehindTheWrappersOfTheOrmAndTheTransaction() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        RuntimeException wrapped = new IllegalStateException("commit failed",
                new PersistenceException("could not execute statement", duplicate));

        assertTrue(PostgresErrors.isUniqueViolation(wrapped));
    }

    @Test
    void otherConstraintsAndConnectionLossAreNoUniqueViolation() {
        assertFalse(PostgresErrors.isUniqueViolation(new PersistenceException(
                new SQLException("violates check constraint", "23514"))));
        assertFalse(PostgresErrors.isUniqueViolation(new PersistenceException(
                new SQLException("An I/O error occurred while sending to the backend", "08006"))));
        assertFalse(PostgresErrors.isUniqueViolation(new IllegalStateException("no SQL at all")));
    }

    @Test
    void connectionLossShutdownTooManyConnectionsDeadlocksAndLockTimeoutsPass() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P03", "53300", "40001", "40P01", "55P03"}) {
            assertTrue(PostgresErrors.isPassing(state), state);
        }
        for (String state : new String[] {"23505", "23514", "42P01", "22001"}) {
            assertFalse(PostgresErrors.isPassing(state), state);
        }
    }
}
