package org.remoteassistance.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

/** The audit trail stored in this service's schema. */
@ApplicationScoped
public class SessionAuditEntries implements PanacheRepositoryBase<SessionAuditEntry, Long> {

    /** One session's trail, oldest first. */
    public List<SessionAuditEntry> ofSession(UUID sessionId) {
        return list("sessionId", Sort.ascending("at", "id"), sessionId);
    }

    /** Entries matching the optional filters, newest first; {@code from} inclusive, {@code to} exclusive. */
    public PanacheQuery<SessionAuditEntry> search(AuditFilter filter) {
        StringJoiner where = new StringJoiner(" and ");
        Parameters parameters = new Parameters();
        if (filter.deviceId() != null) {
            where.add("deviceId = :deviceId");
            parameters.and("deviceId", filter.deviceId());
        }
        if (filter.actor() != null) {
            where.add("actor = :actor");
            parameters.and("actor", filter.actor());
        }
        if (filter.action() != null) {
            where.add("action = :action");
            parameters.and("action", filter.action());
        }
        if (filter.from() != null) {
            where.add("at >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("at < :to");
            parameters.and("to", filter.to());
        }
        Sort newestFirst = Sort.descending("at", "id");
        return where.length() == 0 ? findAll(newestFirst) : find(where.toString(), newestFirst, parameters);
    }

    /** What {@code GET /api/audit} may filter on; every field is optional (null). */
    public record AuditFilter(UUID deviceId, String actor, AuditAction action, Instant from, Instant to) {
    }
}
