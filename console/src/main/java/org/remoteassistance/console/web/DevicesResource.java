package org.remoteassistance.console.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.remoteassistance.console.backend.Reply;
import org.remoteassistance.console.backend.ServiceApis;
import org.remoteassistance.console.signin.Person;

/**
 * The admin's and help desk's pages: All devices, a device's overview with its remote-assistance status, and the
 * session's steps (new session with a confirmation, start, end with a reason). A refusal of the services is shown as a
 * sentence on the page, never as an error page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class DevicesResource {

    static final int PAGE_SIZE = 20;
    static final List<String> PLATFORMS = List.of("WINDOWS", "MACOS", "IOS", "ANDROID", "LINUX");
    static final List<String> END_REASONS = List.of("COMPLETED", "CONNECTION_LOST", "CANCELLED");
    /** While a session is in one of these, the overview refreshes its remote-assistance pane by itself. */
    static final Set<String> LIVE = Set.of("REQUESTED", "ACKNOWLEDGED", "IN_PROGRESS");

    @Inject
    Template devices;

    @Inject
    Template device;

    @Inject
    Template newSession;

    @Inject
    Visit visit;

    @Inject
    ServiceApis apis;

    @Inject
    ObjectMapper json;

    @GET
    @Path("devices")
    public TemplateInstance allDevices(@QueryParam("search") String search, @QueryParam("platform") String platform,
            @QueryParam("page") @DefaultValue("0") int page) {
        Person person = visit.supporter();
        String chosenPlatform = platform != null && PLATFORMS.contains(platform) ? platform : null;
        int current = Math.max(page, 0);
        Reply reply = apis.devices(person, search, chosenPlatform, current, PAGE_SIZE);
        JsonNode body = reply.ok() ? reply.body() : json.createObjectNode();
        long total = body.path("total").asLong();
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        Words w = visit.words();
        return devices.data("w", w).data("person", person)
                .data("items", maps(body.path("items")))
                .data("search", search == null ? "" : search)
                .data("platform", chosenPlatform == null ? "" : chosenPlatform)
                .data("platforms", PLATFORMS)
                .data("total", w.format("devices_total", total))
                .data("pageOf", w.format("page_of", current + 1, pages))
                .data("previous", current > 0 ? pageLink(search, chosenPlatform, current - 1) : null)
                .data("next", current + 1 < pages ? pageLink(search, chosenPlatform, current + 1) : null);
    }

    @GET
    @Path("devices/{id}")
    public TemplateInstance overview(@PathParam("id") String id, @QueryParam("started") String started) {
        return overviewPage(visit.supporter(), uuid(id), null, started != null);
    }

    /** The remote-assistance pane alone, for the overview to refresh without a reload. */
    @GET
    @Path("devices/{id}/remote-assistance")
    public TemplateInstance remoteAssistancePane(@PathParam("id") String id) {
        Person person = visit.supporter();
        UUID deviceId = uuid(id);
        Map<String, Object> data = remoteAssistance(person, deviceId, false);
        TemplateInstance pane = device.getFragment("remoteAssistance").instance().data("w", visit.words());
        data.forEach(pane::data);
        return pane;
    }

    @GET
    @Path("devices/{id}/new-session")
    public TemplateInstance confirmNewSession(@PathParam("id") String id) {
        Person person = visit.supporter();
        UUID deviceId = uuid(id);
        Map<String, Object> found = device(person, deviceId);
        return newSession.data("w", visit.words()).data("person", person).data("device", found)
                .data("question", visit.words().format("confirm_new_session", found.get("name")))
                .data("requestKey", UUID.randomUUID().toString());
    }

    @POST
    @Path("devices/{id}/sessions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestSession(@PathParam("id") String id, @FormParam("requestKey") String requestKey,
            @FormParam("reason") String reason, @FormParam("showReasonToUser") String showReasonToUser,
            @FormParam("ticketId") String ticketId, @FormParam("maxDurationMinutes") String maxDurationMinutes,
            @FormParam("acknowledgeNonCompliant") String acknowledgeNonCompliant) {
        Person person = visit.supporter();
        UUID deviceId = uuid(id);
        String key = requestKey == null || requestKey.isBlank() ? UUID.randomUUID().toString() : requestKey;
        // what the person filled in, as they wrote it: the session service checks it and names what is wrong
        Map<String, Object> terms = new LinkedHashMap<>();
        putIfGiven(terms, "reason", reason);
        putIfGiven(terms, "ticketId", ticketId);
        if (maxDurationMinutes != null && !maxDurationMinutes.isBlank()) {
            try {
                terms.put("maxDurationMinutes", Integer.parseInt(maxDurationMinutes.strip()));
            } catch (NumberFormatException notANumber) {
                terms.put("maxDurationMinutes", maxDurationMinutes.strip()); // refused by the service, by name
            }
        }
        if ("true".equals(showReasonToUser)) {
            terms.put("showReasonToUser", true);
        }
        if ("true".equals(acknowledgeNonCompliant)) {
            terms.put("acknowledgeNonCompliant", true);
        }
        Reply reply = apis.requestSession(person, deviceId, key, terms);
        String refusal = switch (reply.status()) {
            case 409 -> reply.problem().toLowerCase().contains("retired") ? "refused_retired"
                    : reply.problem().toLowerCase().contains("compliance") ? "refused_noncompliant"
                    : "refused_open_session";
            case 404 -> "refused_unknown_device";
            default -> null;
        };
        return outcome(reply, person, deviceId, "/devices/" + deviceId, refusal);
    }

    @POST
    @Path("sessions/{id}/resend-notification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resendNotification(@PathParam("id") String id, @FormParam("deviceId") String device) {
        Person person = visit.supporter();
        UUID deviceId = uuid(device);
        Reply reply = apis.resendNotification(person, uuid(id));
        return outcome(reply, person, deviceId, "/devices/" + deviceId + "?resent", null);
    }

    @POST
    @Path("sessions/{id}/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@PathParam("id") String id, @FormParam("deviceId") String device) {
        Person person = visit.supporter();
        UUID deviceId = uuid(device);
        Reply reply = apis.start(person, uuid(id));
        return outcome(reply, person, deviceId, "/devices/" + deviceId + "?started",
                reply.status() == 409 ? "refused_not_startable" : null);
    }

    @POST
    @Path("sessions/{id}/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response end(@PathParam("id") String id, @FormParam("deviceId") String device,
            @FormParam("reason") String reason) {
        Person person = visit.supporter();
        UUID deviceId = uuid(device);
        String why = reason != null && END_REASONS.contains(reason) ? reason : "CANCELLED";
        Reply reply = apis.end(person, uuid(id), why);
        return outcome(reply, person, deviceId, "/devices/" + deviceId, null);
    }

    /**
     * After a form: on to {@code next}, or the overview again with the refusal in words (the sentence for
     * {@code refusalKey}, else the service's own detail) and the service's status.
     */
    private Response outcome(Reply reply, Person person, UUID deviceId, String next, String refusalKey) {
        if (reply.ok()) {
            return Response.seeOther(URI.create(next)).build();
        }
        Words w = visit.words();
        String sentence = refusalKey != null ? w.get(refusalKey) : w.format("refused_other", reply.problem());
        return Response.status(reply.status()).entity(overviewPage(person, deviceId, sentence, false)).build();
    }

    private TemplateInstance overviewPage(Person person, UUID deviceId, String refusal, boolean started) {
        Map<String, Object> found = device(person, deviceId);
        Object compliance = found.get("compliance");
        TemplateInstance page = device.data("w", visit.words()).data("person", person).data("device", found)
                .data("complianceText", compliance == null ? null : visit.words().get("compliance_" + compliance))
                .data("refusal", refusal).data("endReasons", END_REASONS)
                .data("history", history(person, deviceId))
                .data("audit", audit(person, deviceId));
        remoteAssistance(person, deviceId, started).forEach(page::data);
        return page;
    }

    /**
     * What the remote-assistance pane shows: the device's newest session as session-service has it (device-service's
     * overview follows it through events, a moment later), and that session's next steps.
     */
    private Map<String, Object> remoteAssistance(Person person, UUID deviceId, boolean started) {
        Reply sessions = apis.sessionsOf(person, deviceId);
        JsonNode newest = sessions.ok() ? sessions.body().path("items").path(0) : null;
        Map<String, Object> session = newest == null || newest.isMissingNode() ? null : map(newest);
        String status = session == null ? "NONE" : String.valueOf(session.get("status"));
        Words w = visit.words();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deviceId", deviceId.toString());
        data.put("status", status);
        data.put("statusText", w.get("status_" + status));
        data.put("live", LIVE.contains(status));
        data.put("session", session);
        // the admin starts once, after TeamViewer acknowledged and before the session ends
        data.put("startAvailable", "ACKNOWLEDGED".equals(status) && session.get("adminStartedAt") == null);
        data.put("open", LIVE.contains(status));
        // the device was told and its user has not answered: the notification may be sent again
        data.put("resendAvailable", "ACKNOWLEDGED".equals(status) && session.get("notifiedAt") != null
                && session.get("deviceAllowedAt") == null);
        data.put("started", started || (session != null && session.get("adminStartedAt") != null
                && LIVE.contains(status)));
        data.put("rejection", "REJECTED".equals(status)
                ? w.format("rejected_because", firstOf(session, "rejectDetail", "rejectReason")) : null);
        return data;
    }

    private List<Map<String, Object>> history(Person person, UUID deviceId) {
        Reply reply = apis.sessionsOf(person, deviceId);
        if (!reply.ok()) {
            return List.of();
        }
        Words w = visit.words();
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (Map<String, Object> session : maps(reply.body().path("items"))) {
            session.put("statusText", w.get("status_" + session.get("status")));
            Object reason = session.get("endReason");
            session.put("outcome", reason == null ? "" : w.get("reason_" + reason));
            sessions.add(session);
        }
        return sessions;
    }

    /** Who did what to the device's sessions: admins only (null for the help desk, and the section is not shown). */
    private List<Map<String, Object>> audit(Person person, UUID deviceId) {
        if (person.role() != org.remoteassistance.console.signin.Role.ADMIN) {
            return null;
        }
        Reply reply = apis.auditOf(person, deviceId);
        return reply.ok() ? maps(reply.body().path("items")) : List.of();
    }

    private Map<String, Object> device(Person person, UUID deviceId) {
        Reply reply = apis.device(person, deviceId);
        if (reply.status() == 404) {
            throw new NotFoundException();
        }
        if (!reply.ok()) {
            throw new IllegalStateException("device-service answered " + reply.status() + ": " + reply.problem());
        }
        return map(reply.body());
    }

    private Map<String, Object> map(JsonNode node) {
        return json.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private List<Map<String, Object>> maps(JsonNode items) {
        List<Map<String, Object>> list = new ArrayList<>();
        items.forEach(item -> list.add(map(item)));
        return list;
    }

    private static String firstOf(Map<String, Object> session, String... fields) {
        for (String field : fields) {
            Object value = session.get(field);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return "";
    }

    private static String pageLink(String search, String platform, int page) {
        StringBuilder link = new StringBuilder("/devices?page=").append(page);
        if (search != null && !search.isBlank()) {
            link.append("&search=").append(java.net.URLEncoder.encode(search, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (platform != null) {
            link.append("&platform=").append(platform);
        }
        return link.toString();
    }

    /** An id from a path or a form; one that is not a UUID names nothing here. */
    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException();
        }
    }


    private static void putIfGiven(Map<String, Object> body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value.strip());
        }
    }
}
