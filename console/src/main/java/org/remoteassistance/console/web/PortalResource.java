package org.remoteassistance.console.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.remoteassistance.console.backend.Reply;
import org.remoteassistance.console.backend.ServiceApis;
import org.remoteassistance.console.config.ConsoleSettings;
import org.remoteassistance.console.signin.Person;

/**
 * The device user's Company Portal: their device's notifications (newest first, the unread count), the request's
 * message, code, the TeamViewer download for the device's platform and the steps, and Allow / Decline while the
 * session can still be answered. New notifications arrive live: the notification stream is relayed to the page.
 */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class PortalResource {

    @Inject
    Template portal;

    @Inject
    Visit visit;

    @Inject
    ServiceApis apis;

    @Inject
    LiveRelays relays;

    @Inject
    ConsoleSettings settings;

    @Inject
    ObjectMapper json;

    @GET
    public TemplateInstance companyPortal() {
        Person person = visit.deviceUser();
        TemplateInstance page = portal.data("w", visit.words()).data("person", person);
        notifications(person).forEach(page::data);
        return page;
    }

    /** The notifications alone, for the page to refresh when the stream says something changed. */
    @GET
    @Path("notifications")
    public TemplateInstance notificationsPane() {
        Person person = visit.deviceUser();
        TemplateInstance pane = portal.getFragment("notifications").instance().data("w", visit.words());
        notifications(person).forEach(pane::data);
        return pane;
    }

    @POST
    @Path("sessions/{sessionId}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("sessionId") String sessionId, @FormParam("allow") String allow,
            @FormParam("notificationId") String notificationId) {
        Person person = visit.deviceUser();
        Reply reply = apis.answer(person, DevicesResource.uuid(sessionId), "true".equals(allow));
        if (notificationId != null) {
            try {
                apis.markRead(person, UUID.fromString(notificationId));
            } catch (IllegalArgumentException e) {
                // not one of ours: nothing to mark
            }
        }
        if (reply.ok()) {
            return Response.seeOther(URI.create("/portal")).build();
        }
        TemplateInstance page = portal.data("w", visit.words()).data("person", person)
                .data("refusal", reply.status() == 409 ? visit.words().get("no_longer_actionable")
                        : visit.words().format("refused_other", reply.problem()));
        notifications(person).forEach(page::data);
        return Response.status(reply.status()).entity(page).build();
    }

    /** The device's notification stream, relayed event by event as the notification service sends it. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response stream() {
        Person person = visit.deviceUser();
        InputStream upstream = relays.opened(apis.notificationStream(person, person.deviceId()));
        StreamingOutput relay = (OutputStream out) -> {
            try (upstream; BufferedReader reader = new BufferedReader(new InputStreamReader(upstream,
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    if (line.isEmpty()) {
                        out.flush(); // an event is complete: the page hears of it now
                    }
                }
            } catch (IOException e) {
                // the page went away, the stream ended (its maximum age) or the console is stopping: the browser
                // reconnects by itself
            } finally {
                relays.ended(upstream);
            }
        };
        return Response.ok(relay, MediaType.SERVER_SENT_EVENTS).header("Cache-Control", "no-store").build();
    }

    private Map<String, Object> notifications(Person person) {
        Reply reply = apis.notifications(person, person.deviceId());
        JsonNode body = reply.ok() ? reply.body() : json.createObjectNode();
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            Map<String, Object> notification = json.convertValue(item,
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            // answered already: the request stays open until the admin's session ends, the buttons go
            boolean allowed = false;
            if (item.path("actionable").asBoolean() && !item.path("sessionId").asText().isEmpty()) {
                Reply session = apis.session(person, UUID.fromString(item.path("sessionId").asText()));
                allowed = session.ok() && !session.body().path("deviceAllowedAt").isNull()
                        && !session.body().path("deviceAllowedAt").isMissingNode();
            }
            notification.put("allowed", allowed);
            items.add(notification);
        }
        Reply device = apis.device(person, person.deviceId());
        String platform = device.ok() ? device.body().path("platform").asText("") : "";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("items", items);
        data.put("unread", visit.words().format("unread", body.path("unread").asInt()));
        data.put("unreadCount", body.path("unread").asInt());
        data.put("download", settings.downloads().getOrDefault(platform, settings.downloads().get("WINDOWS")));
        data.put("deviceName", device.ok() ? device.body().path("name").asText("") : "");
        return data;
    }
}
