package org.remoteassistance.session.rest;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.remoteassistance.session.domain.SessionStateException;
import org.remoteassistance.session.service.DeviceNonCompliantException;
import org.remoteassistance.session.service.DeviceRetiredException;
import org.remoteassistance.session.service.IdempotencyKeyReusedException;
import org.remoteassistance.session.service.SessionAlreadyOpenException;
import org.remoteassistance.session.service.SessionNotFoundException;
import org.remoteassistance.session.service.UnknownDeviceException;
import org.remoteassistance.support.problem.ProblemResponses;

/** The one place this service's exceptions become {@code application/problem+json}. */
public class SessionProblems {

    @ServerExceptionMapper
    public Response sessionNotFound(SessionNotFoundException e) {
        return ProblemResponses.response(404, "Session not found", e.getMessage(),
                Map.of("sessionId", e.sessionId().toString()));
    }

    @ServerExceptionMapper
    public Response unknownDevice(UnknownDeviceException e) {
        return ProblemResponses.response(404, "Device not found", e.getMessage(),
                Map.of("deviceId", e.deviceId().toString()));
    }

    @ServerExceptionMapper
    public Response deviceRetired(DeviceRetiredException e) {
        return ProblemResponses.response(409, "Device retired", e.getMessage(),
                Map.of("deviceId", e.deviceId().toString()));
    }

    @ServerExceptionMapper
    public Response nonCompliant(DeviceNonCompliantException e) {
        return ProblemResponses.response(409, "Device not compliant", e.getMessage(),
                Map.of("deviceId", e.deviceId().toString()));
    }

    @ServerExceptionMapper
    public Response alreadyOpen(SessionAlreadyOpenException e) {
        return ProblemResponses.response(409, "Session already open", e.getMessage(),
                Map.of("sessionId", e.openSessionId().toString(), "deviceId", e.deviceId().toString(),
                        "sessionStatus", e.openSessionStatus().name()));
    }

    @ServerExceptionMapper
    public Response wrongState(SessionStateException e) {
        return ProblemResponses.response(409, "Session state conflict", e.getMessage(),
                Map.of("sessionId", e.sessionId().toString(), "sessionStatus", e.status().name()));
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e) {
        return ProblemResponses.response(422, "Idempotency-Key reused", e.getMessage(), Map.of());
    }
}
