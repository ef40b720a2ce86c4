package org.remoteassistance.connector.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.remoteassistance.connector.domain.Connector;
import org.remoteassistance.connector.domain.ConnectorStatus;

/** The connector row: its status and its sealed token. Partner calls happen elsewhere, outside these transactions. */
@ApplicationScoped
@Transactional
public class ConnectorService {

    private static final Logger LOG = Logger.getLogger(ConnectorService.class);

    /**
     * How long a token once read and decrypted serves partner calls before the row is read again: a change made here
     * is seen at once, another instance's connect or disconnect within this.
     */
    private static final long TOKEN_FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    TokenCipher cipher;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** This bean through its proxy, for a read in a transaction of its own. */
    @Inject
    ConnectorService self;

    private record HeldToken(ConnectorToken token, long readAt) {
    }

    private volatile HeldToken held;

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConnectorView view() {
        return toView(connector());
    }

    /** Stores a token the partner has just accepted. */
    public ConnectorView connected(String token, Instant checkedAt) {
        Connector connector = lockedConnector();
        connector.connect(cipher.seal(connector.id, token), checkedAt);
        LOG.info("The TeamViewer connector is connected");
        return toView(connector);
    }

    public ConnectorView disconnect() {
        Connector connector = lockedConnector();
        connector.disconnect();
        LOG.info("The TeamViewer connector is disconnected; its token is erased");
        return toView(connector);
    }

    /**
     * The token for a partner call, or why there is none, from memory while fresh: every session request needs it,
     * and reading the row and decrypting it each time cost a transaction per request.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ConnectorToken usableToken() {
        HeldToken current = held;
        if (current != null && System.nanoTime() - current.readAt() < TOKEN_FRESH_NANOS) {
            return current.token();
        }
        long readAt = System.nanoTime();
        ConnectorToken token = self.readToken();
        held = new HeldToken(token, readAt);
        return token;
    }

    /** The token as stored, or why there is none (a token that cannot be decrypted puts it in ERROR). */
    public ConnectorToken readToken() {
        Connector connector = connector();
        if (!connector.isConnected()) {
            String why = connector.status == ConnectorStatus.ERROR && connector.lastError != null
                    ? ConnectorToken.NOT_CONNECTED + ": " + connector.lastError
                    : ConnectorToken.NOT_CONNECTED;
            return new ConnectorToken.Unusable(why);
        }
        try {
            return new ConnectorToken.Usable(cipher.open(connector.id, connector.sealedToken()));
        } catch (TokenCipher.TokenUnreadableException e) {
            lockedConnector().fail(e.getMessage(), Instant.now());
            LOG.warnf("The TeamViewer connector is in error: %s", e.getMessage());
            return new ConnectorToken.Unusable(ConnectorToken.NOT_CONNECTED + ": " + e.getMessage());
        }
    }

    /**
     * After a key rotation the stored token cannot be opened any more. Say so at start, not at the first session
     * request, so that the admin sees {@code ERROR} with the reason right away and enters the token again.
     */
    void onStart(@Observes StartupEvent start) {
        failIfSealedWithAnotherKey();
    }

    public void failIfSealedWithAnotherKey() {
        Connector connector = lockedConnector();
        if (connector.isConnected() && !cipher.sealedWithCurrentKey(connector.sealedToken())) {
            connector.fail(TokenCipher.SEALED_WITH_ANOTHER_KEY, Instant.now());
            LOG.warn("The TeamViewer connector is in error: " + TokenCipher.SEALED_WITH_ANOTHER_KEY);
        }
    }

    /** The partner refused the stored token during a call: the admin has to enter a new one. */
    public void tokenRefused(String reason) {
        Connector connector = lockedConnector();
        if (connector.isConnected()) {
            connector.fail(reason, Instant.now());
            LOG.warnf("The TeamViewer connector is in error: %s", reason);
        }
    }

    private static Connector connector() {
        Connector connector = Connector.teamViewer();
        if (connector == null) {
            throw new IllegalStateException("the connector row is missing: was migration V2 applied?");
        }
        return connector;
    }

    /** The row is about to change: the token held in memory is forgotten now and again once the change commits. */
    private Connector lockedConnector() {
        held = null;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                held = null;
            }
        });
        Connector connector = Connector.findById(Connector.TEAMVIEWER, LockModeType.PESSIMISTIC_WRITE);
        if (connector == null) {
            throw new IllegalStateException("the connector row is missing: was migration V2 applied?");
        }
        return connector;
    }

    private static ConnectorView toView(Connector connector) {
        return new ConnectorView(connector.status, connector.connectedAt, connector.lastCheckedAt,
                connector.lastError);
    }
}
