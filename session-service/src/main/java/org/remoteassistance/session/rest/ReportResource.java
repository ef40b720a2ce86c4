package org.remoteassistance.session.rest;

import static org.remoteassistance.session.rest.RequestParameters.optionalEnum;
import static org.remoteassistance.session.rest.RequestParameters.optionalInstant;
import static org.remoteassistance.session.rest.RequestParameters.optionalText;
import static org.remoteassistance.session.rest.RequestParameters.optionalUuid;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.report.ReportFilter;
import org.remoteassistance.session.report.ReportOutcome;
import org.remoteassistance.session.report.ReportRow;
import org.remoteassistance.session.report.ReportSummary;
import org.remoteassistance.session.report.SessionReports;
import org.remoteassistance.support.problem.ProblemException;
import org.remoteassistance.support.security.Roles;

/**
 * Session reports for admins (as Intune Remote Help's session report): the sessions requested over a period, filtered,
 * as JSON or CSV, streamed row by row; and summary figures over a period.
 */
@Path("/api/reports/sessions")
@Tag(name = "Reports", description = "Sessions over a period, and figures about them")
public class ReportResource {

    static final String CSV = "text/csv";
    /** Without {@code from}, a report covers this long before {@code to} (now by default). */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(ReportResource.class);

    @Inject
    SessionReports reports;

    private final ObjectMapper json;
    /** One row at a time, without a flush after each: the stream sends them in chunks. */
    private final ObjectWriter rows;

    ReportResource(ObjectMapper json) {
        this.json = json;
        this.rows = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Sessions requested over a period, oldest first, as JSON, or CSV with Accept: text/csv",
            description = "from (inclusive, default 30 days before to) and to (exclusive, default now) as RFC 3339 "
                    + "instants; deviceId, scope (devices with this scope tag), actor (who requested, exact), outcome (COMPLETED, CONNECTION_LOST, "
                    + "CANCELLED, DECLINED, EXPIRED, FAILED, TIME_LIMIT, REJECTED, OPEN) and ticketId filter. "
                    + "JSON: {items: [...]}; CSV: RFC 4180 with a header row, UTF-8. Streamed either way.")
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("deviceId") String deviceId, @QueryParam("scope") String scope,
            @QueryParam("actor") String actor, @QueryParam("outcome") String outcome,
            @QueryParam("ticketId") String ticketId, @Context HttpHeaders headers) {
        ReportFilter filter = filter(from, to, deviceId, scope, actor, outcome, ticketId);
        return wantsCsv(headers) ? csv(filter) : json(filter);
    }

    private Response json(ReportFilter filter) {
        StreamingOutput body = output -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(output)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart("items");
                stream(filter, row -> write(() -> rows.writeValue(generator, row)));
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private Response csv(ReportFilter filter) {
        StreamingOutput body = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            CsvRows.write(writer, ReportRow.COLUMNS);
            stream(filter, row -> write(() -> CsvRows.write(writer, row.values())));
            writer.flush();
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"sessions.csv\"").build();
    }

    /** CSV only when the client prefers it by name; JSON for no preference, {@code *}{@code /*} or JSON first. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (!type.isWildcardSubtype() && type.isCompatible(MediaType.valueOf(CSV))) {
                return true;
            }
        }
        return false;
    }

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Figures over the sessions requested in a period",
            description = "total, byOutcome, answered, medianSecondsToAnswer and p90SecondsToAnswer (request to the "
                    + "device user's answer), declinedRate and expiredRate (0 to 1). from, to, deviceId, scope, actor "
                    + "and ticketId as for the report.")
    public ReportSummary summary(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("deviceId") String deviceId, @QueryParam("scope") String scope,
            @QueryParam("actor") String actor, @QueryParam("ticketId") String ticketId) throws SQLException {
        return reports.summary(filter(from, to, deviceId, scope, actor, null, ticketId));
    }

    private static ReportFilter filter(String from, String to, String deviceId, String scope, String actor,
            String outcome, String ticketId) {
        Instant until = optionalInstant("to", to);
        until = until == null ? Instant.now() : until;
        Instant since = optionalInstant("from", from);
        since = since == null ? until.minus(DEFAULT_PERIOD) : since;
        if (!since.isBefore(until)) {
            throw ProblemException.badRequest("from must be before to.");
        }
        return new ReportFilter(since, until, optionalUuid("deviceId", deviceId), scopeTag(scope),
                optionalText("actor", actor, Actor.MAX_NAME_LENGTH), optionalEnum("outcome", outcome,
                        ReportOutcome.class), optionalText("ticketId", ticketId, EventRules.MAX_TICKET_ID));
    }

    private static String scopeTag(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        if (!scope.strip().matches(EventRules.SCOPE_TAG)) {
            throw ProblemException.badRequest("scope must be 1 to 64 letters, digits, dots, underscores and dashes, "
                    + "starting with a letter or digit.");
        }
        return scope.strip();
    }

    /** Streams the rows; the response has begun, so a failure can only cut it short (and is logged). */
    private void stream(ReportFilter filter, java.util.function.Consumer<ReportRow> row) throws IOException {
        try {
            reports.stream(filter, row);
        } catch (SQLException e) {
            LOG.warnf("A session report was cut short: %s", e.getMessage());
            throw new IOException("the report could not be read to its end", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
