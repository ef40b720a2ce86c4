package org.remoteassistance.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/** The sessions stored in this service's schema. */
@ApplicationScoped
public class RemoteAssistanceSessions implements PanacheRepositoryBase<RemoteAssistanceSession, UUID> {

    /**
     * The session, locked until the transaction ends: concurrent actions on one session (the admin's start and the
     * device's answer, say) run one after the other, each seeing what the other did.
     */
    public Optional<RemoteAssistanceSession> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<RemoteAssistanceSession> findOpenOnDevice(UUID deviceId) {
        return find("deviceId = ?1 and status in ?2", deviceId, SessionStatus.OPEN).firstResultOptional();
    }

    /** The session this caller requested with this key: a key is its caller's own. */
    public Optional<RemoteAssistanceSession> findByIdempotencyKey(String requestedBy, String idempotencyKey) {
        return find("requestedBy = ?1 and idempotencyKey = ?2", requestedBy, idempotencyKey).firstResultOptional();
    }

    /** Sessions matching the optional filters, newest first. */
    public PanacheQuery<RemoteAssistanceSession> search(UUID deviceId, SessionStatus status) {
        StringJoiner where = new StringJoiner(" and ");
        Parameters parameters = new Parameters();
        if (deviceId != null) {
            where.add("deviceId = :deviceId");
            parameters.and("deviceId", deviceId);
        }
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        Sort newestFirst = Sort.descending("requestedAt", "id");
        return where.length() == 0 ? findAll(newestFirst) : find(where.toString(), newestFirst, parameters);
    }

    /**
     * Locks up to {@code limit} sessions still waiting for acceptance that were requested before {@code cutoff}. Rows
     * another instance (or a request) holds are skipped, so two instances never expire the same session twice.
     */
    @SuppressWarnings("unchecked")
    public List<RemoteAssistanceSession> lockAwaitingAcceptanceSince(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM remote_assistance_session
                WHERE status IN ('REQUESTED', 'ACKNOWLEDGED') AND requested_at < :cutoff
                ORDER BY requested_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", RemoteAssistanceSession.class)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList();
    }

    /**
     * Locks up to {@code limit} sessions in progress whose time limit has come by {@code now}, skipping rows another
     * instance holds, as {@link #lockAwaitingAcceptanceSince} does.
     */
    @SuppressWarnings("unchecked")
    public List<RemoteAssistanceSession> lockInProgressPastTimeLimit(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM remote_assistance_session
                WHERE status = 'IN_PROGRESS' AND time_limit_at <= :now
                ORDER BY time_limit_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", RemoteAssistanceSession.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }
}
