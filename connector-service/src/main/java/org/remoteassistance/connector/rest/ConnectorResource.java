package org.remoteassistance.connector.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.remoteassistance.connector.service.ConnectorOnboarding;
import org.remoteassistance.connector.service.ConnectorService;
import org.remoteassistance.support.problem.ProblemResponses;
import org.remoteassistance.support.security.Roles;

/**
 * The TeamViewer connector's onboarding: enter, check and remove the partner API token. Admins only: the token opens
 * the tenant's partner account, and even its status is none of the help desk's or a device's business.
 */
@Path("/api/connectors/teamviewer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "TeamViewer connector")
public class ConnectorResource {

    @Inject
    ConnectorService connectors;

    @Inject
    ConnectorOnboarding onboarding;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The connector's status; never the token")
    public ConnectorStatusResponse status() {
        return ConnectorStatusResponse.of(connectors.view());
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect with a partner API token", description = "The partner checks the token first; "
            + "only an accepted token is stored (encrypted) and it is never shown again.")
    @APIResponse(responseCode = "200", description = "CONNECTED: the partner accepted the token")
    @APIResponse(responseCode = "400", description = "apiToken missing, blank, too long or not a token (printable "
            + "ASCII, no spaces); the problem never repeats it")
    @APIResponse(responseCode = "422", description = "The partner refused the token; nothing changed")
    @APIResponse(responseCode = "503", description = "The partner could not be reached; nothing changed")
    public ConnectorStatusResponse connect(@Valid @NotNull ConnectRequest request) {
        return ConnectorStatusResponse.of(onboarding.connect(request.apiToken()));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(204)
    @Operation(summary = "Disconnect: the token is erased and new session requests are rejected")
    public void disconnect() {
        connectors.disconnect();
    }

    /*
     * This resource's body is a secret. The shared mapper quotes the JSON parser, and the parser quotes the text it
     * could not read: a token pasted without quotes would come back in the 400. Here the problem gives the position
     * only. (Mappers declared in a resource class take precedence over the global ones for its requests.)
     */

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return ProblemResponses.response(400, "Bad request", "The body is not valid JSON for this request" + where
                + "; expected {\"apiToken\": \"<token>\"}", Map.of());
    }

    @ServerExceptionMapper
    public Response unreadableBody(MismatchedInputException e) {
        return unreadableBody((JsonProcessingException) e);
    }

    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json);
        }
        return new ProblemResponses().web(e);
    }
}
