package org.remoteassistance.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Serialises the work on one session across consumers and instances. A session's acknowledgement and its end travel
 * on different topics, so they can be processed at the same time; without the lock each transaction could miss the
 * other's uncommitted row and an ended session would keep an actionable notification.
 */
@ApplicationScoped
class SessionLocks {

    @Inject
    EntityManager entityManager;

    /** Held until the caller's transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    void lock(UUID sessionId) {
        entityManager.createNativeQuery(
                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
                .setParameter("key", "notification.session:" + sessionId)
                // it reads no table: nothing pending need be flushed first (a batch's entities are not dirty-checked)
                .setFlushMode(FlushModeType.COMMIT)
                .getSingleResult();
    }
}
