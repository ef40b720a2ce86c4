package org.remoteassistance.device.rest;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.remoteassistance.device.service.UnknownDeviceException;
import org.remoteassistance.support.problem.ProblemResponses;

/** This service's own exceptions as problems; everything else is answered by {@link ProblemResponses}. */
public class DeviceProblems {

    /**
     * The detail of every "no such device" answer. A device token asking for another device gets exactly this answer
     * too (no extension members that an unknown id would lack), so it cannot tell which ids exist.
     */
    static String noSuchDevice(Object deviceId) {
        return "There is no device " + deviceId + ".";
    }

    @ServerExceptionMapper
    public Response unknownDevice(UnknownDeviceException e) {
        return ProblemResponses.response(404, "Not found", noSuchDevice(e.deviceId()), Map.of());
    }
}
