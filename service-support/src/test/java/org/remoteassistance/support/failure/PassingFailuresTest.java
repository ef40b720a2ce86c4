package org.remoteassistance.support.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class PassingFailuresTest {

    /**
     * What a consumer saw when PostgreSQL stopped during its commit: Narayana's RollbackException, wrapped by Arc,
     * with the SQL error only as the cause of a suppressed XAException. It was taken for poison and dead-lettered.
     */
    @Test
    void aCommitCutOffByTheServerShuttingDownPasses() {
        XAException xa = new XAException(XAException.XA_RBROLLBACK);
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);

        assertTrue(PassingFailures.isPassing(new ArcUndeclaredThrowableException(rollback)));
    }

    @Test
    void aCommitThatFailedWithNothingMoreSaidPassesBecauseItsOutcomeIsUnknown() {
        RollbackException rollback = new RollbackException("ARJUNA016102: The transaction is not active!");

        assertTrue(PassingFailures.isPassing(new ArcUndeclaredThrowableException(rollback)));
    }

    @Test
    void aCommitRefusedByAConstraintFailsForGood() {
        XAException xa = new XAException(XAException.XA_RBROLLBACK);
        xa.initCause(new SQLException("duplicate key value violates unique constraint", "23505"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);

        assertFalse(PassingFailures.isPassing(new ArcUndeclaredThrowableException(rollback)));
    }

    @Test
    void connectionLossesShutdownsDeadlocksAndFullPoolsPass() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P03", "40001", "40P01", "53300", "55P03"}) {
            assertTrue(PassingFailures.isPassing(new PersistenceException(new SQLException("x", state))), state);
        }
        // what a consumer got while PostgreSQL was frozen (SIGSTOP): it was dead-lettered
        assertTrue(PassingFailures.isPassing(new org.hibernate.exception.GenericJDBCException(
                "Unable to acquire JDBC Connection", new SQLException(
                        "Acquisition timeout while waiting for new connection"))), "Agroal's pool timed out");
    }

    @Test
    void badDataAndBugsFailForGood() {
        assertFalse(PassingFailures.isPassing(new ConstraintViolationException("duplicate",
                new SQLException("duplicate key", "23505"), "one_open_session")));
        assertFalse(PassingFailures.isPassing(new PersistenceException(new SQLException("value too long", "22001"))));
        assertFalse(PassingFailures.isPassing(new IllegalStateException("a bug")));
        assertFalse(PassingFailures.isPassing(new NullPointerException()));
    }

    @Test
    void aCycleOfCausesAndSuppressedExceptionsEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.addSuppressed(second);

        assertFalse(PassingFailures.isPassing(second));
    }

    @Test
    void retryWaitsOutPassingFailuresAndThrowsOthersAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        String result = PassingFailures.retry("a test", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new PersistenceException(new SQLException("connection refused", "08001"));
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, attempts.get());

        AtomicInteger bugs = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> PassingFailures.retry("a test", () -> {
            bugs.incrementAndGet();
            throw new IllegalStateException("a bug");
        }));
        assertEquals(1, bugs.get());
    }
    /**
     * After a long outage a consumer's retry sleeps up to 5 s between tries; once other work in the process comes
     * through (the database is back), it tries again at once. Seen in LongOutageIT: an acknowledgement overtook its
     * request, whose channel slept on, and waited out its grace.
     */
    @Test
    void aRetryWaitingOutItsBackoffTriesAgainAtOnceWhenOtherWorkComesThrough() throws Exception {
        AtomicBoolean databaseBack = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> PassingFailures.retry("waiting", () -> {
            attempts.incrementAndGet();
            if (!databaseBack.get()) {
                throw new PersistenceException(new SQLException("Connection refused", "08001"));
            }
            return "applied";
        }));
        // 100 + 200 + 400 + 800 ms of backoff: the next wait is 1.6 s
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (attempts.get() < 5 && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        databaseBack.set(true);
        long back = System.nanoTime();
        while (!waiting.isDone() && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(1)) {
            PassingFailures.retry("other", () -> "done");
            Thread.sleep(20);
        }

        assertEquals("applied", waiting.get(30, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - back < TimeUnit.MILLISECONDS.toNanos(1_200),
                "woken when other work came through, not after its 1.6 s backoff");
    }
}
