package org.remoteassistance.session.rest;

import static org.remoteassistance.session.rest.RequestParameters.optionalEnum;
import static org.remoteassistance.session.rest.RequestParameters.optionalText;
import static org.remoteassistance.session.rest.RequestParameters.optionalUuid;
import static org.remoteassistance.session.rest.RequestParameters.uuid;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.AuditAction;
import org.remoteassistance.events.EndReason;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.SessionStatus;
import org.remoteassistance.session.service.SessionCommands;
import org.remoteassistance.session.service.SessionAuditTrail;
import org.remoteassistance.session.domain.SessionListing;
import org.remoteassistance.session.service.SessionNotFoundException;
import org.remoteassistance.session.service.SessionRequest;
import org.remoteassistance.session.service.SessionService;
import org.remoteassistance.support.problem.ProblemException;
import org.remoteassistance.support.security.Caller;
import org.remoteassistance.support.security.Roles;

/**
 * The session lifecycle over HTTP. Admins and help desk request, read, start and end sessions; a device token reads
 * and answers its own device's sessions only, never sees the supporter link, and is answered 404 for any other
 * device's session, exactly as for an id that does not exist.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions", description = "The remote assistance session lifecycle")
public class SessionResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_HEADER_LENGTH = 255;

    @Inject
    SessionCommands commands;

    @Inject
    SessionService sessions;

    @Inject
    SessionAuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    TicketIds ticketIds;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "Request a session for a device",
            description = "202 with the REQUESTED session; requestedBy is the caller's name from the token. 404 "
                    + "unknown device, 409 retired device or an open session (extension sessionId names it). The same "
                    + "Idempotency-Key answers with the same session. maxDurationMinutes (1-1440) limits how long it "
                    + "may run once in progress; reason, ticketId and showReasonToUser are recorded with it. 400 names "
                    + "the field that is wrong. A scoped help desk is answered 404 for a device outside its scopes.")
    public Response request(@Valid @NotNull NewSession body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Context UriInfo uri) {
        String reason = optionalText("reason", body.reason(), EventRules.MAX_REASON);
        boolean showReasonToUser = Boolean.TRUE.equals(body.showReasonToUser());
        if (showReasonToUser && reason == null) {
            throw ProblemException.badRequest("showReasonToUser needs a reason to show.");
        }
        RemoteAssistanceSession session = commands.request(new SessionRequest(body.deviceId(), actor(),
                optionalText(IDEMPOTENCY_KEY, idempotencyKey, MAX_HEADER_LENGTH), body.maxDurationMinutes(), reason,
                ticketIds.check(body.ticketId()), showReasonToUser,
                Boolean.TRUE.equals(body.acknowledgeNonCompliant()), caller.scope()));
        return Response.accepted(SessionViews.of(session))
                .location(uri.getBaseUriBuilder().path("api/sessions").path(session.id().toString()).build())
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK, Roles.DEVICE})
    @Operation(summary = "A session with its status, code and links",
            description = "A device token reads only its own device's sessions, without the supporter link.")
    public SessionView get(@PathParam("id") String id) {
        RemoteAssistanceSession session = sessions.get(uuid("id", id));
        if (!reachable(session)) {
            throw new SessionNotFoundException(session.id());
        }
        commands.requireWithin(caller.scope(), session.id(), null, actor());
        return caller.isDevice() ? SessionViews.forDevice(session) : SessionViews.of(session);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "Sessions newest first, optionally of one device and in one status",
            description = "A scoped help desk lists only the sessions of devices within its scopes.")
    public SessionPage list(@QueryParam("deviceId") String deviceId, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        SessionListing listing = sessions.list(optionalUuid("deviceId", deviceId),
                optionalEnum("status", status, SessionStatus.class), caller.scope(), page, size);
        return new SessionPage(listing.items().stream().map(SessionViews::of).toList(), listing.total());
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "The admin launches the partner app",
            description = "200 with the session code and supporter link once ACKNOWLEDGED; 409 before, and after the "
                    + "session is over (its code is single-use).")
    public AdminLaunch start(@PathParam("id") String id) {
        RemoteAssistanceSession session = commands.start(within(id, AuditAction.STARTED), actor());
        return new AdminLaunch(session.sessionCode(), session.supporterLink());
    }

    @POST
    @Path("{id}/resend-notification")
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "Send the device's notification again",
            description = "202 with the session: the device gets a new notification in place of the old one, with the "
                    + "same code (no new partner session). Only while ACKNOWLEDGED, notified and not answered by the "
                    + "device user, and at most remote-assistance.sessions.max-resends times (3); 409 otherwise.")
    public Response resendNotification(@PathParam("id") String id) {
        return Response.accepted(SessionViews.of(commands.resendNotification(within(id, AuditAction.RESENT), actor())))
                .build();
    }

    @POST
    @Path("{id}/device-response")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DEVICE)
    @Operation(summary = "The device user allows or declines",
            description = "Only the device's own token: the device user decides, admins and help desk cannot (403). "
                    + "Allowed and started by the admin: IN_PROGRESS. Declined: ENDED with DECLINED.")
    public SessionView respond(@PathParam("id") String id, @Valid @NotNull DeviceAnswer body) {
        RemoteAssistanceSession session = sessions.get(uuid("id", id));
        if (!reachable(session)) {
            commands.refusedToOtherDevice(session, AuditAction.answer(body.allow()), actor());
            throw new SessionNotFoundException(session.id());
        }
        return SessionViews.forDevice(commands.respond(session.id(), body.allow(), actor()));
    }

    @POST
    @Path("{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "End a session",
            description = "ENDED with the reason (COMPLETED, CONNECTION_LOST, CANCELLED). Ending a session that is "
                    + "already over answers it unchanged.")
    public SessionView end(@PathParam("id") String id, @Valid @NotNull EndSession body) {
        EndReason reason = EndReason.givenByCaller(body.reason()).orElseThrow(() -> ProblemException.badRequest(
                "reason must be one of " + EndReason.givenByCallers() + ", not " + body.reason() + "."));
        return SessionViews.of(commands.end(within(id, AuditAction.ENDED), reason, actor()));
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "The session's audit trail, oldest first",
            description = "Who requested, started, answered and ended it and when, what other services did to it, "
                    + "and refused attempts (outcome REFUSED).")
    public SessionAuditView audit(@PathParam("id") String id) {
        return new SessionAuditView(audit.ofSession(within(id, null)).stream().map(AuditViews::of).toList());
    }

    /** The caller as the audit trail and requestedBy name them: from the verified token, never from a header. */
    private Actor actor() {
        return new Actor(caller.name(), caller.role());
    }

    /**
     * The session's id, if the caller may reach its device: a scoped help desk only the sessions of devices within its
     * scopes (else 404, an attempted action audited as refused); anyone else every session.
     */
    private UUID within(String id, AuditAction attempted) {
        UUID sessionId = uuid("id", id);
        commands.requireWithin(caller.scope(), sessionId, attempted, actor());
        return sessionId;
    }

    /** Admins and help desk reach every session; a device token only its own device's. */
    private boolean reachable(RemoteAssistanceSession session) {
        try {
            caller.requireAccessTo(session.deviceId(), new SessionNotFoundException(session.id()).getMessage());
            return true;
        } catch (ProblemException e) {
            // answered by the caller as SessionNotFoundException: the same 404 as an id that does not exist
            return false;
        }
    }
}
