package org.remoteassistance.session.rest;

import static org.remoteassistance.session.rest.RequestParameters.optionalEnum;
import static org.remoteassistance.session.rest.RequestParameters.optionalInstant;
import static org.remoteassistance.session.rest.RequestParameters.optionalText;
import static org.remoteassistance.session.rest.RequestParameters.optionalUuid;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.AuditAction;
import org.remoteassistance.session.domain.SessionAuditEntries.AuditFilter;
import org.remoteassistance.session.service.SessionAuditTrail;
import org.remoteassistance.session.service.SessionAuditTrail.AuditListing;
import org.remoteassistance.support.problem.ProblemException;
import org.remoteassistance.support.security.Roles;

/** The remote assistance audit report across sessions (as Intune's Remote Help session report): admins only. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who did what to which remote assistance session, and when")
public class AuditResource {

    @Inject
    SessionAuditTrail audit;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Audit entries newest first, filtered",
            description = "deviceId, actor (exact name), action (REQUESTED, ACKNOWLEDGED, REJECTED, NOTIFIED, STARTED, "
                    + "ALLOWED, DECLINED, ENDED, EXPIRED), from (inclusive) and to (exclusive) as RFC 3339 instants.")
    public AuditPage list(@QueryParam("deviceId") String deviceId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        Instant since = optionalInstant("from", from);
        Instant until = optionalInstant("to", to);
        if (since != null && until != null && since.isAfter(until)) {
            throw ProblemException.badRequest("from must not be after to.");
        }
        AuditListing listing = audit.search(new AuditFilter(optionalUuid("deviceId", deviceId),
                optionalText("actor", actor, Actor.MAX_NAME_LENGTH), optionalEnum("action", action, AuditAction.class),
                since, until), page, size);
        return new AuditPage(listing.items().stream().map(AuditViews::of).toList(), listing.total());
    }
}
