package org.remoteassistance.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.remoteassistance.notification.domain.CompanyPortalNotification;
import org.remoteassistance.notification.rest.LiveNotificationFeed;
import org.remoteassistance.notification.rest.NotificationItem;

/**
 * Every instance hears of each notification issued, whichever instance issued it, so that a device listening on one
 * instance gets the notification another one issued: the issuing transaction signals it on PostgreSQL's
 * {@code notification_issued} channel ({@code pg_notify}, delivered when it commits, never for a rollback), and each
 * instance listens on a connection of its own and pushes the notification to the devices listening on it
 * ({@link LiveNotificationFeed}), reading it only where one of them is. While that connection is down nothing is heard;
 * once it is back every open stream is ended, so that clients reconnect and read their list again, as they do after
 * any reconnection.
 */
@ApplicationScoped
public class NotificationSignals {

    public static final String CHANNEL = "notification_issued";
    private static final Logger LOG = Logger.getLogger(NotificationSignals.class);
    /** How long one wait for signals lasts; a stop is noticed within it. */
    private static final int WAIT_MILLIS = 500;

    @Inject
    EntityManager entityManager;

    @Inject
    LiveNotificationFeed feed;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private Thread listener;

    /** In the issuing transaction: the signal goes out with its commit. */
    void signal(@Observes CompanyPortalNotification issued) {
        entityManager.createNativeQuery("SELECT pg_notify(:channel, :payload)")
                .setParameter("channel", CHANNEL)
                .setParameter("payload", issued.deviceId + "/" + issued.id)
                .getSingleResult();
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) CompanyPortalNotification issued) {
        registry.counter("notifications.issued").increment();
    }

    void start(@Observes StartupEvent started) {
        running = true;
        listener = new Thread(this::listen, "notification-signals");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (listener != null) {
            listener.join(WAIT_MILLIS * 4L);
        }
    }

    private void listen() {
        long backoff = 1_000;
        boolean heardBefore = false;
        while (running) {
            java.util.Properties login = new java.util.Properties();
            login.setProperty("user", username);
            password.ifPresent(secret -> login.setProperty("password", secret));
            try (Connection connection = DriverManager.getConnection(url, login)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (heardBefore) {
                    // signals may have been missed while the connection was down: clients read their lists again
                    LOG.info("Listening for issued notifications again; open streams end, their clients reconnect");
                    feed.restart();
                }
                heardBefore = true;
                backoff = 1_000;
                PGConnection signals = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] heard = signals.getNotifications(WAIT_MILLIS);
                    if (heard != null) {
                        for (PGNotification signal : heard) {
                            deliver(signal.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Not listening for issued notifications (retrying in %d ms): %s", backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** {@code <device id>/<notification id>}: read and pushed only where the device listens on this instance. */
    private void deliver(String payload) {
        int slash = payload.indexOf('/');
        UUID deviceId = UUID.fromString(payload.substring(0, slash));
        if (!feed.listening(deviceId)) {
            return;
        }
        UUID notificationId = UUID.fromString(payload.substring(slash + 1));
        QuarkusTransaction.requiringNew().call(() -> CompanyPortalNotification.<CompanyPortalNotification>findByIdOptional(
                notificationId).map(NotificationItem::of))
                .ifPresent(item -> feed.deliver(deviceId, item));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
