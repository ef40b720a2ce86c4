package org.remoteassistance.support.shutdown;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown of the consumers. When the service is asked to stop (SIGTERM), before its connection pool and its
 * Kafka clients close, the events being handled are finished and committed, and no new one is begun: a record that
 * arrives from then on is held by its worker thread, neither acknowledged nor dead-lettered, so its offset is not
 * committed and the next instance consumes it again. Without this, an event cut off halfway failed with "the
 * EntityManagerFactory is closed" and was dead-lettered.
 *
 * <p>The wait is bounded by {@code remote-assistance.shutdown.drain-timeout} (10 s): an event still retrying against
 * a database that is away is left to the next instance, which the inbox makes safe.
 */
@ApplicationScoped
public class ConsumerDrain {

    private static final Logger LOG = Logger.getLogger(ConsumerDrain.class);

    /**
     * Set by the JVM's own shutdown hook as soon as SIGTERM arrives: Quarkus begins to shut its worker pools down in
     * parallel, possibly before the {@link ShutdownEvent} observers run.
     */
    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting = true, "consumer-drain-exiting"));
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int handling;
    private volatile boolean stopping;

    @ConfigProperty(name = "remote-assistance.shutdown.drain-timeout", defaultValue = "10s")
    Duration drainTimeout;

    /** An event is about to be handled; never returns if the service is stopping. */
    void begin() {
        lock.lock();
        try {
            if (!stopping()) {
                handling++;
                return;
            }
        } finally {
            lock.unlock();
        }
        holdUntilExit();
    }

    /**
     * One more event under way, handed on by a consumer call already counted in ({@link #begin}) to be finished
     * after that call returns: counted without being held, since its caller was let in before the service began to
     * stop, and that caller is still counted while it hands events on.
     */
    public void handedOn() {
        lock.lock();
        try {
            handling++;
        } finally {
            lock.unlock();
        }
    }

    /** The event was handled (or failed): its record is acknowledged or dead-lettered next. */
    public void end() {
        lock.lock();
        try {
            handling--;
            if (handling == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** First among the shutdown observers: while this waits, the pool, the broker clients and the inbox still work. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        lock.lock();
        try {
            stopping = true;
            int atStart = handling;
            while (handling > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("Stopping with %d event(s) still being handled after %s; the next start consumes them "
                            + "again", handling, drainTimeout);
                    return;
                }
                idle.awaitNanos(left);
            }
            if (atStart > 0) {
                LOG.infof("Stopping: %d event(s) under way were finished first", atStart);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the service has begun to stop and takes no new event. */
    public boolean stopping() {
        return stopping || exiting;
    }

    /**
     * Keeps the record from being acknowledged or dead-lettered until the process exits: the thread parks for good,
     * whoever interrupts it (the worker pools give up on it after their shutdown time-out).
     */
    private static void holdUntilExit() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(1));
        }
    }
}
