package org.remoteassistance.connector.partner;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns the partner's error answers ({@code {"error", "error_description", "error_code"}} with the HTTP status) into
 * typed exceptions: 429 and 5xx are {@link PartnerUnavailableException}s, any other 4xx a
 * {@link PartnerRefusedException}.
 */
public class TeamViewerErrors implements ResponseExceptionMapper<PartnerException> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public PartnerException toThrowable(Response response) {
        int status = response.getStatus();
        TeamViewerApi.Error error = body(response);
        String said = describe(status, error);
        if (status == 429) {
            return new PartnerUnavailableException("The partner is rate limiting the connector (429" + said + ")",
                    retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER)), true, null);
        }
        if (status >= 500) {
            // 503 is the partner saying it did not take the request on; other 5xx may come after it acted
            return new PartnerUnavailableException("The partner answered " + status + said,
                    retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER)), status == 503, null);
        }
        String code = error == null ? null : error.error();
        if (status == 401 || status == 403) {
            return new PartnerRefusedException(status, code, "The partner refused the API token (" + status + said
                    + ")");
        }
        return new PartnerRefusedException(status, code, "The partner refused the request (" + status + said + ")");
    }

    private static TeamViewerApi.Error body(Response response) {
        try {
            if (!response.hasEntity()) {
                return null;
            }
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? null : JSON.readValue(text, TeamViewerApi.Error.class);
        } catch (Exception e) {
            // not the partner's JSON (a proxy's HTML page, say): the status alone has to do
            return null;
        }
    }

    private static String describe(int status, TeamViewerApi.Error error) {
        if (error == null || (error.error() == null && error.errorDescription() == null)) {
            return "";
        }
        StringBuilder text = new StringBuilder(": ");
        if (error.error() != null) {
            text.append(error.error());
        }
        if (error.errorDescription() != null) {
            // kept whole: TeamViewerPartnerClient takes the token out before it shortens the message, so that a cut
            // can never leave the first half of a token behind
            text.append(error.error() != null ? " - " : "").append(error.errorDescription());
        }
        return text.toString();
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
