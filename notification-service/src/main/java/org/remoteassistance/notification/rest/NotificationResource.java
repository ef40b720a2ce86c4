package org.remoteassistance.notification.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.remoteassistance.notification.service.CompanyPortalNotifications;
import org.remoteassistance.notification.service.CompanyPortalNotifications.DeviceNotifications;

@Path("/api")
@Tag(name = "Company Portal notifications")
public class NotificationResource {

    @Inject
    CompanyPortalNotifications notifications;

    @Inject
    LiveNotificationFeed feed;

    @GET
    @Path("/devices/{deviceId}/notifications")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "A device's notifications, newest first, with the number unread",
            description = "A device without notifications has an empty list.")
    public DeviceNotificationList list(@PathParam("deviceId") UUID deviceId) {
        DeviceNotifications found = notifications.of(deviceId);
        return new DeviceNotificationList(found.unread(),
                found.newest().stream().map(NotificationItem::of).toList());
    }

    @POST
    @Path("/notifications/{id}/read")
    @Blocking
    @Operation(summary = "Mark a notification read; reading it again changes nothing")
    @APIResponse(responseCode = "204", description = "Read")
    @APIResponse(responseCode = "404", description = "No such notification")
    public void markRead(@PathParam("id") UUID id) {
        notifications.markRead(id);
    }

    @GET
    @Path("/devices/{deviceId}/notifications/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(summary = "The device's new notifications as server-sent events, one per notification",
            description = "Each event's data is a notification as in the list. Only notifications issued after the "
                    + "stream opened are sent; read the list when (re)connecting.")
    public Multi<NotificationItem> stream(@PathParam("deviceId") UUID deviceId) {
        return feed.of(deviceId);
    }
}
