package org.remoteassistance.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.remoteassistance.support.failure.PassingFailures;

/** Every error leaves as {@code application/problem+json}; none carries a stack trace. */
public class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return response(e.status(), e.title(), e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return Response.fromResponse(response(401, "Unauthorized",
                        "A valid bearer token is required (Authorization: Bearer <token>).", Map.of()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(403, "Forbidden", "Your role does not allow this.", Map.of());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(ProblemResponses::violation).toList();
        String detail = violations.stream().map(v -> v.get("field") + " " + v.get("message"))
                .sorted().reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return response(400, "Bad request", detail, Map.of("violations", violations));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return response(400, "Bad request", BodyProblems.detail(e), Map.of());
    }

    /** More specific than {@link JsonProcessingException}, so Quarkus' own mapper would otherwise answer it. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        return response(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (PassingFailures.isPassing(e)) {
            // the database is away or restarting, or a commit's outcome is unknown: the client may try again (with
            // its Idempotency-Key, a request that did commit is answered, not repeated)
            LOG.warnf("The database is unavailable: %s", PassingFailures.summary(e));
            return Response.fromResponse(response(503, "Service unavailable",
                    "The database is unavailable or busy; try again shortly.", Map.of()))
                    .header("Retry-After", "1").build();
        }
        LOG.error("Unexpected error", e);
        return response(500, "Internal server error", "An unexpected error occurred.", Map.of());
    }

    private static Map<String, String> violation(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "create.request.name" -> "name": callers know fields, not method parameters
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length))
                : parts[parts.length - 1];
        return Map.of("field", field, "message", violation.getMessage());
    }

    public static Response response(int status, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
