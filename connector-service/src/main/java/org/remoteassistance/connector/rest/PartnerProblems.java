package org.remoteassistance.connector.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.remoteassistance.connector.partner.PartnerRefusedException;
import org.remoteassistance.connector.partner.PartnerUnavailableException;
import org.remoteassistance.support.problem.ProblemResponses;

/** The partner's answers, as problems for the HTTP caller: a refusal is 422, a partner out of reach 503. */
public class PartnerProblems {

    @ServerExceptionMapper
    public Response refused(PartnerRefusedException e) {
        return ProblemResponses.response(422, "Partner refused the credentials", e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response unavailable(PartnerUnavailableException e) {
        Response problem = ProblemResponses.response(503, "Partner unavailable",
                e.getMessage() + ". Nothing was changed; try again shortly.", Map.of());
        return e.retryAfter()
                .map(wait -> Response.fromResponse(problem)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds()))).build())
                .orElse(problem);
    }
}
