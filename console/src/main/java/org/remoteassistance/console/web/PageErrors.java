package org.remoteassistance.console.web;

import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.remoteassistance.console.backend.ServiceUnavailableException;

/** What a person sees instead of a stack trace: the sign-in page, or a sentence in their language. */
public class PageErrors {

    private static final Logger LOG = Logger.getLogger(PageErrors.class);

    @Inject
    Template problem;

    @Inject
    Visit visit;

    @ServerExceptionMapper
    public Response notSignedIn(Visit.NotSignedInException e) {
        return Response.seeOther(URI.create("/sign-in")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(Visit.ForbiddenException e) {
        return page(403, visit.words().get("forbidden"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, visit.words().get("not_found"));
    }

    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailableException e) {
        LOG.warn(e.getMessage());
        return page(503, visit.words().format("service_unavailable", e.service()));
    }

    /** Anything else: logged with its stack here, a sentence for the person. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse().getStatus() < 500) {
            return page(web.getResponse().getStatus(), visit.words().get("unexpected"));
        }
        LOG.error("A page failed", e);
        return page(500, visit.words().get("unexpected"));
    }

    private Response page(int status, String sentence) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(problem.data("w", visit.words()).data("person", visit.person().orElse(null))
                        .data("sentence", sentence).render())
                .build();
    }
}
