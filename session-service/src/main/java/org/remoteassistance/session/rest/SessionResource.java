package org.remoteassistance.session.rest;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.remoteassistance.session.domain.EndReason;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.SessionStatus;
import org.remoteassistance.session.service.SessionListing;
import org.remoteassistance.session.service.SessionRequest;
import org.remoteassistance.session.service.SessionRequests;
import org.remoteassistance.session.service.SessionService;
import org.remoteassistance.support.problem.ProblemException;

@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions", description = "The remote assistance session lifecycle")
public class SessionResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Who asks, until authentication exists; the admin console by default. */
    static final String REQUESTED_BY = "X-Requested-By";
    private static final int MAX_HEADER_LENGTH = 255;

    @Inject
    SessionRequests requests;

    @Inject
    SessionService sessions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a session for a device",
            description = "202 with the REQUESTED session. 404 unknown device, 409 retired device or an open session "
                    + "(extension sessionId names it). The same Idempotency-Key answers with the same session.")
    public Response request(@Valid @NotNull NewSession body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @HeaderParam(REQUESTED_BY) @DefaultValue("admin") String requestedBy, @Context UriInfo uri) {
        RemoteAssistanceSession session = requests.request(new SessionRequest(body.deviceId(),
                header(REQUESTED_BY, requestedBy, "admin"), header(IDEMPOTENCY_KEY, idempotencyKey, null)));
        return Response.accepted(SessionViews.of(session))
                .location(uri.getBaseUriBuilder().path("api/sessions").path(session.id().toString()).build())
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A session with its status, code and links")
    public SessionView get(@PathParam("id") String id) {
        return SessionViews.of(sessions.get(uuid("id", id)));
    }

    @GET
    @Operation(summary = "Sessions newest first, optionally of one device and in one status")
    public SessionPage list(@QueryParam("deviceId") String deviceId, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        SessionListing listing = sessions.list(blank(deviceId) ? null : uuid("deviceId", deviceId),
                blank(status) ? null : status(status), page, size);
        return new SessionPage(listing.items().stream().map(SessionViews::of).toList(), listing.total());
    }

    @POST
    @Path("{id}/start")
    @Operation(summary = "The admin launches the partner app",
            description = "200 with the session code and supporter link once ACKNOWLEDGED; 409 before, and after the "
                    + "session is over (its code is single-use).")
    public AdminLaunch start(@PathParam("id") String id) {
        RemoteAssistanceSession session = sessions.start(uuid("id", id));
        return new AdminLaunch(session.sessionCode(), session.supporterLink());
    }

    @POST
    @Path("{id}/device-response")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The device user allows or declines",
            description = "Allowed and started by the admin: IN_PROGRESS. Declined: ENDED with DECLINED.")
    public SessionView respond(@PathParam("id") String id, @Valid @NotNull DeviceAnswer body) {
        return SessionViews.of(sessions.respond(uuid("id", id), body.allow()));
    }

    @POST
    @Path("{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "End a session",
            description = "ENDED with the reason (COMPLETED, CONNECTION_LOST, CANCELLED). Ending a session that is "
                    + "already over answers it unchanged.")
    public SessionView end(@PathParam("id") String id, @Valid @NotNull EndSession body) {
        EndReason reason = EndReason.givenByCaller(body.reason()).orElseThrow(() -> ProblemException.badRequest(
                "reason must be one of " + EndReason.givenByCallers() + ", not " + body.reason() + "."));
        return SessionViews.of(sessions.end(uuid("id", id), reason));
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID, not " + value + ".");
        }
    }

    private static SessionStatus status(String value) {
        try {
            return SessionStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status must be one of " + Arrays.toString(SessionStatus.values())
                    + ", not " + value + ".");
        }
    }

    private static String header(String name, String value, String absent) {
        if (blank(value)) {
            return absent;
        }
        if (value.length() > MAX_HEADER_LENGTH) {
            throw ProblemException.badRequest(name + " must be at most " + MAX_HEADER_LENGTH + " characters.");
        }
        return value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
