package org.remoteassistance.console.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.remoteassistance.console.backend.Reply;
import org.remoteassistance.console.backend.ServiceApis;
import org.remoteassistance.console.signin.Person;

/**
 * The TeamViewer connector (admins only): its status, the token entered once (sent to connector-service, which keeps
 * it encrypted and never shows it again: neither does this page), and disconnecting.
 */
@Path("/connector")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ConnectorResource {

    @Inject
    Template connector;

    @Inject
    Visit visit;

    @Inject
    ServiceApis apis;

    @GET
    public TemplateInstance page() {
        return page(visit.admin(), null, 200).entity();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response connect(@FormParam("apiToken") String apiToken) {
        Person person = visit.admin();
        if (apiToken == null || apiToken.isBlank()) {
            return page(person, visit.words().get("token_missing"), 400).response();
        }
        Reply reply = apis.connect(person, apiToken.strip());
        if (reply.ok()) {
            return Response.seeOther(URI.create("/connector")).build();
        }
        String refusal = reply.status() == 422 ? visit.words().get("token_refused")
                : visit.words().format("refused_other", reply.problem());
        return page(person, refusal, reply.status()).response();
    }

    @POST
    @Path("disconnect")
    public Response disconnect() {
        Person person = visit.admin();
        Reply reply = apis.disconnect(person);
        if (reply.ok()) {
            return Response.seeOther(URI.create("/connector")).build();
        }
        return page(person, visit.words().format("refused_other", reply.problem()), reply.status()).response();
    }

    private Page page(Person person, String refusal, int status) {
        Reply reply = apis.connector(person);
        String state = reply.ok() ? reply.body().path("status").asText("NOT_CONFIGURED") : "NOT_CONFIGURED";
        TemplateInstance page = connector.data("w", visit.words()).data("person", person).data("refusal", refusal)
                .data("status", state).data("statusText", visit.words().get("connector_" + state))
                .data("connectedAt", reply.ok() ? reply.body().path("connectedAt").asText(null) : null)
                .data("lastCheckedAt", reply.ok() ? reply.body().path("lastCheckedAt").asText(null) : null);
        return new Page(page, status);
    }

    private record Page(TemplateInstance entity, int status) {
        Response response() {
            return Response.status(status).entity(entity).build();
        }
    }
}
