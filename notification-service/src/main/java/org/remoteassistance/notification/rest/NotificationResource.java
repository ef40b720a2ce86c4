package org.remoteassistance.notification.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.remoteassistance.notification.config.NotificationSettings;
import org.remoteassistance.notification.service.CompanyPortalNotifications;
import org.remoteassistance.notification.service.CompanyPortalNotifications.DeviceNotifications;
import org.remoteassistance.support.devices.KnownDevice;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.security.Caller;
import org.remoteassistance.support.security.Roles;

/**
 * A device token reaches only its own device's notifications; admins and help desk reach every device's. Whatever a
 * device may not reach answers 404, exactly like something that does not exist.
 */
@Path("/api")
@Tag(name = "Company Portal notifications")
public class NotificationResource {

    @Inject
    CompanyPortalNotifications notifications;

    @Inject
    LiveNotificationFeed feed;

    @Inject
    Caller caller;

    @Inject
    KnownDevices devices;

    @Inject
    NotificationSettings settings;

    @GET
    @Path("/devices/{deviceId}/notifications")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK, Roles.DEVICE})
    @Operation(summary = "A device's notifications, newest first, with the number unread",
            description = "A device without notifications has an empty list. A device token reaches only its own "
                    + "device: another device's list is 404.")
    @APIResponse(responseCode = "200", description = "The list")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "A device token asked for another device")
    public DeviceNotificationList list(@PathParam("deviceId") UUID deviceId) {
        requireReach(deviceId);
        DeviceNotifications found = notifications.of(deviceId);
        return new DeviceNotificationList(found.unread(),
                found.newest().stream().map(NotificationItem::of).toList());
    }

    @POST
    @Path("/notifications/{id}/read")
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK, Roles.DEVICE})
    @Operation(summary = "Mark a notification read; reading it again changes nothing",
            description = "A device token marks only its own device's notifications. Admins and help desk may mark "
                    + "any (a request dealt with on the phone, say); the service logs who did.")
    @APIResponse(responseCode = "204", description = "Read")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "No such notification, or another device's")
    public void markRead(@PathParam("id") UUID id) {
        notifications.markRead(id, caller);
    }

    @GET
    @Path("/devices/{deviceId}/notifications/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK, Roles.DEVICE})
    @Operation(summary = "The device's new notifications as server-sent events, one per notification",
            description = "Each event's data is a notification as in the list. Only notifications issued after the "
                    + "stream opened are sent; read the list when (re)connecting. The stream ends when the token "
                    + "expires, and after remote-assistance.notifications.stream-max-age (15 minutes) at the latest: "
                    + "reconnect with a valid token. A device token listens only to its own device: another "
                    + "device's stream is a 404 problem, answered before any event.")
    @APIResponse(responseCode = "200", description = "The stream")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "A device token asked for another device")
    public Multi<NotificationItem> stream(@PathParam("deviceId") UUID deviceId) {
        // checked before the stream exists, so the refusal is an ordinary problem response, not a broken stream (on a
        // worker thread: a scoped help desk's check reads the device read model)
        requireReach(deviceId);
        return feed.of(deviceId, LiveNotificationFeed.closeAt(Instant.now(), caller.tokenExpiry(),
                settings.streamMaxAge()));
    }

    /**
     * A device token reaches only its own device, a scoped help desk only devices within its scopes (as the device
     * read model has their tags); any other device answers 404, as one that does not exist.
     */
    private void requireReach(UUID deviceId) {
        caller.requireAccessTo(deviceId, noDevice(deviceId));
        caller.requireInScope(() -> devices.find(deviceId).map(KnownDevice::scopeTags).orElse(List.of()),
                noDevice(deviceId));
    }

    private static String noDevice(UUID deviceId) {
        return "No device " + deviceId + ".";
    }
}
