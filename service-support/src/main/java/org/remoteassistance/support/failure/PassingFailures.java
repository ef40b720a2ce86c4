package org.remoteassistance.support.failure;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;
import javax.transaction.xa.XAException;
import org.jboss.logging.Logger;

/**
 * Tells a passing failure (the database restarting or unreachable, a lock conflict, a commit whose outcome is unknown)
 * from one that will fail again. Consumers retry the first kind in place and never dead-letter it; the HTTP side
 * answers it with 503.
 *
 * <p>The whole exception graph is read, causes <em>and</em> suppressed exceptions: Narayana reports a commit that
 * failed because the connection died as a {@code RollbackException} (often wrapped again by Arc) whose SQL error is
 * only a suppressed {@code XAException}'s cause.
 */
public final class PassingFailures {

    private static final Logger LOG = Logger.getLogger(PassingFailures.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** Wakes retries at most this often: a flood of work that fails for good must not make them spin. */
    private static final long MIN_WAKE_INTERVAL_NANOS = 200_000_000L;

    /** Guards {@link #recoveries}, and wakes the retries that wait on it. */
    private static final Object RECOVERED = new Object();
    /** How many times work came through while retries slept. */
    private static long recoveries;
    private static volatile int sleeping;
    private static volatile long lastWake;

    private PassingFailures() {
    }

    /** Whether trying the same work again later may succeed. */
    public static boolean isPassing(Throwable failure) {
        boolean transactionFailed = false;
        boolean lastingSqlError = false;
        for (Throwable node : graph(failure)) {
            if (passing(node)) {
                return true;
            }
            transactionFailed |= isTransactionFailure(node);
            lastingSqlError |= node instanceof SQLException sql && sql.getSQLState() != null;
        }
        // a commit that failed with nothing more said: its outcome is unknown, and the inbox makes a retry safe
        return transactionFailed && !lastingSqlError;
    }

    /**
     * Runs {@code work} until it returns or fails for good: a passing failure is retried with backoff, for as long as
     * it lasts (a database outage of any length); any other failure is thrown at once.
     */
    public static <T> T retry(String what, Supplier<T> work) {
        return retry(what, work, () -> {
        });
    }

    /**
     * As {@link #retry(String, Supplier)}, calling {@code beforeEachRetry} (a counter, say) before each wait. A retry
     * waiting out its backoff tries again at once when other work in this process comes through (returns, or fails
     * for a reason of its own rather than a passing one): the database is most likely back, and a consumer that slept
     * on for up to 5 s would let events that depend on its own (an acknowledgement overtaking its request after an
     * outage) wait out their grace meanwhile.
     */
    public static <T> T retry(String what, Supplier<T> work, Runnable beforeEachRetry) {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            long seen = recoveries();
            try {
                T result = work.get();
                cameThrough();
                return result;
            } catch (RuntimeException e) {
                if (!isPassing(e)) {
                    cameThrough();
                    throw e;
                }
                beforeEachRetry.run();
                LOG.warnf("Retrying %s in %d ms: %s", what, backoff, summary(e));
                awaitRetry(backoff, seen);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private static long recoveries() {
        synchronized (RECOVERED) {
            return recoveries;
        }
    }

    /** Wakes the retries that sleep, unless none does or they were woken a moment ago (cheap on the hot path). */
    private static void cameThrough() {
        if (sleeping == 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastWake < MIN_WAKE_INTERVAL_NANOS) {
            return;
        }
        lastWake = now;
        synchronized (RECOVERED) {
            recoveries++;
            RECOVERED.notifyAll();
        }
    }

    /** Sleeps the backoff, or less when work came through since {@code seen}. */
    private static void awaitRetry(long millis, long seen) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (RECOVERED) {
            sleeping++;
            try {
                while (recoveries == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    RECOVERED.wait(left / 1_000_000L, (int) (left % 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry", e);
            } finally {
                sleeping--;
            }
        }
    }

    /** The exception's message and, where one is known, the SQLState that made it passing. */
    public static String summary(Throwable failure) {
        for (Throwable node : graph(failure)) {
            if (node instanceof SQLException sql && sql.getSQLState() != null) {
                return failure.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ": "
                        + sql.getMessage() + ")";
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static boolean passing(Throwable node) {
        if (node instanceof SQLTransientException || node instanceof SQLRecoverableException
                || node instanceof org.hibernate.exception.JDBCConnectionException
                || node instanceof org.hibernate.exception.LockAcquisitionException
                || node instanceof org.hibernate.PessimisticLockException
                || node instanceof jakarta.persistence.OptimisticLockException
                || node instanceof jakarta.persistence.PessimisticLockException
                || node instanceof jakarta.persistence.LockTimeoutException) {
            return true;
        }
        if (node instanceof SQLException sql && sql.getSQLState() != null) {
            return PostgresErrors.isPassing(sql.getSQLState());
        }
        if (node instanceof SQLException sql && sql.getMessage() != null
                && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
            // Agroal's pool found no connection in time ("Acquisition timeout while waiting for new connection", no
            // SQLState): the database is hung or away
            return true;
        }
        if (node instanceof XAException xa) {
            return xa.errorCode == XAException.XAER_RMFAIL || xa.errorCode == XAException.XA_RBCOMMFAIL
                    || xa.errorCode == XAException.XA_RBDEADLOCK || xa.errorCode == XAException.XA_RBTIMEOUT
                    || xa.errorCode == XAException.XA_RBTRANSIENT;
        }
        return false;
    }

    private static boolean isTransactionFailure(Throwable node) {
        return node instanceof jakarta.transaction.RollbackException
                || node instanceof jakarta.transaction.HeuristicMixedException
                || node instanceof jakarta.transaction.HeuristicRollbackException
                || node instanceof XAException;
    }

    /** Every exception reachable through causes and suppressed exceptions, each once. */
    private static Iterable<Throwable> graph(Throwable root) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (root != null) {
            pending.add(root);
        }
        while (!pending.isEmpty()) {
            Throwable node = pending.poll();
            if (!seen.add(node)) {
                continue;
            }
            if (node.getCause() != null) {
                pending.add(node.getCause());
            }
            Collections.addAll(pending, node.getSuppressed());
            if (node instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
        }
        return seen;
    }
}
