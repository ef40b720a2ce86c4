package org.remoteassistance.device.rest;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.remoteassistance.device.service.UnknownDeviceException;
import org.remoteassistance.support.problem.ProblemResponses;

/** This service's own exceptions as problems; everything else is answered by {@link ProblemResponses}. */
public class DeviceProblems {

    @ServerExceptionMapper
    public Response unknownDevice(UnknownDeviceException e) {
        return ProblemResponses.response(404, "Not found", "There is no device " + e.deviceId() + ".",
                Map.of("deviceId", e.deviceId().toString()));
    }
}
