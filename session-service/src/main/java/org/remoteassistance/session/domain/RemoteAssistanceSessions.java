package org.remoteassistance.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.security.DeviceScope;

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

    /**
     * One page of the sessions matching the optional filters, newest first, and how many match in all. Native SQL: a
     * limited scope is a sub-select of the device read model ({@link KnownDevices#IN_SCOPE}), which is no entity.
     */
    public SessionListing search(UUID deviceId, SessionStatus status, DeviceScope reach, int page, int size) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (deviceId != null) {
            conditions.add("device_id = ?");
            parameters.add(deviceId);
        }
        if (status != null) {
            conditions.add("status = ?");
            parameters.add(status.name());
        }
        if (!reach.isAll()) {
            conditions.add("device_id IN (" + KnownDevices.IN_SCOPE + ")");
            parameters.add(KnownDevices.tagsParameter(reach.tags()));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Query count = getEntityManager().createNativeQuery("SELECT count(*) FROM remote_assistance_session" + where);
        Query items = getEntityManager().createNativeQuery("SELECT * FROM remote_assistance_session" + where
                + " ORDER BY requested_at DESC, id DESC LIMIT ? OFFSET ?", RemoteAssistanceSession.class);
        for (int i = 0; i < parameters.size(); i++) {
            count.setParameter(i + 1, parameters.get(i));
            items.setParameter(i + 1, parameters.get(i));
        }
        items.setParameter(parameters.size() + 1, size);
        items.setParameter(parameters.size() + 2, (long) page * size);
        @SuppressWarnings("unchecked")
        List<RemoteAssistanceSession> found = items.getResultList();
        return new SessionListing(found, ((Number) count.getSingleResult()).longValue());
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
