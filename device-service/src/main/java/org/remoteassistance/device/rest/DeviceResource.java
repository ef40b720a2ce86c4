package org.remoteassistance.device.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.remoteassistance.device.config.DeviceSettings;
import org.remoteassistance.device.domain.Device;
import org.remoteassistance.events.Platform;
import org.remoteassistance.device.service.DeviceInventory;
import org.remoteassistance.device.service.DevicePage;
import org.remoteassistance.device.service.DeviceSearch;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.support.http.CanonicalUuid;
import org.remoteassistance.support.problem.ProblemException;
import org.remoteassistance.support.security.Caller;
import org.remoteassistance.support.security.Roles;

@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices", description = "The managed-device inventory and each device's remote assistance overview")
public class DeviceResource {

    @Inject
    DeviceInventory inventory;

    @Inject
    DeviceSettings settings;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a managed device")
    @APIResponse(responseCode = "201", description = "Registered; Location names the device")
    @APIResponse(responseCode = "400", description = "A field is missing, too long or not allowed, or a scoped help "
            + "desk names a scope tag outside its own (without scopeTags, the device gets the help desk's)")
    public Response register(@NotNull @Valid RegisterDeviceRequest request, UriInfo uri) {
        Device device = inventory.register(request.name().strip(),
                Platform.of(request.platform()).orElseThrow(), optional(request.osVersion()),
                request.serialNumber().strip(), optional(request.primaryUser()),
                ScopeTags.withinReach(ScopeTags.checked(request.scopeTags()), caller.scope()));
        return Response.created(uri.getAbsolutePathBuilder().path(device.id.toString()).build())
                .entity(DeviceMapper.view(device)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "All devices: search, filter by platform, page",
            description = "A scoped help desk lists only the devices with one of its scope tags.")
    @APIResponse(responseCode = "200", description = "One page of devices, ordered by name")
    @APIResponse(responseCode = "400",
            description = "An unknown platform, a page or size out of range, a search text too long")
    public DeviceList list(
            @Parameter(description = "Matched case-insensitively in name, primary user or serial number; at most "
                    + RegisterDeviceRequest.MAX_TEXT + " characters")
            @QueryParam("search") String search,
            @Parameter(description = "One of " + Platform.NAMES) @QueryParam("platform") String platform,
            @Parameter(description = "Only devices with this scope tag") @QueryParam("scope") String scope,
            @Parameter(description = "From 0") @QueryParam("page") String page,
            @Parameter(description = "Devices per page, 20 unless said, at most 100") @QueryParam("size") String size,
            @Parameter(description = "List retired devices too") @QueryParam("includeRetired") String includeRetired) {
        DeviceSearch query = new DeviceSearch(
                searchText(search),
                platform(platform),
                scope == null || scope.isBlank() ? null : ScopeTags.tag("scope", scope.strip(), ""),
                caller.scope(),
                flag("includeRetired", includeRetired),
                number("page", page, 0, 0, Integer.MAX_VALUE),
                number("size", size, settings.page().defaultSize(), 1, settings.page().maxSize()));
        DevicePage result = inventory.search(query);
        return new DeviceList(result.items().stream().map(DeviceMapper::view).toList(), result.total(),
                query.page(), query.size());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK, Roles.DEVICE})
    @Operation(summary = "A device with its remote assistance overview")
    @APIResponse(responseCode = "200", description = "The device")
    @APIResponse(responseCode = "404", description = "No such device, a device token asking for another device, or "
            + "a scoped help desk asking for a device outside its scopes")
    public DeviceView get(@PathParam("id") String id) {
        UUID deviceId = deviceId(id);
        // the same answer as for an unknown id, so a device token cannot learn which other devices exist
        caller.requireAccessTo(deviceId, DeviceProblems.noSuchDevice(deviceId));
        Device device = inventory.get(deviceId);
        caller.requireInScope(() -> List.of(device.scopeTags), DeviceProblems.noSuchDevice(deviceId));
        return DeviceMapper.view(device);
    }

    @PUT
    @Path("{id}/compliance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the device's compliance state (COMPLIANT, NONCOMPLIANT, UNKNOWN)",
            description = "A session for a NONCOMPLIANT device then needs acknowledgeNonCompliant in its request. "
                    + "Published as DeviceUpdated. Another system may report it instead (DeviceComplianceChanged).")
    @APIResponse(responseCode = "200", description = "The device with its compliance state")
    @APIResponse(responseCode = "404", description = "No such device")
    public DeviceView compliance(@PathParam("id") String id, @Valid @NotNull ComplianceUpdate body) {
        return DeviceMapper.view(inventory.changeCompliance(deviceId(id), body.state(), Instant.now(),
                caller.name()));
    }

    @PUT
    @Path("{id}/scope-tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the help-desk scopes the device belongs to",
            description = "scopeTags: at most 20, each a letter or digit, then letters, digits and . _ - (64 at "
                    + "most). Published as DeviceUpdated.")
    @APIResponse(responseCode = "200", description = "The device with its scope tags")
    @APIResponse(responseCode = "404", description = "No such device")
    public DeviceView scopeTags(@PathParam("id") String id, @Valid @NotNull ScopeTagsUpdate body) {
        return DeviceMapper.view(inventory.changeScopeTags(deviceId(id), ScopeTags.checked(body.scopeTags())));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @Operation(summary = "Retire a device: it stays listed with includeRetired=true and gets no new sessions")
    @APIResponse(responseCode = "204", description = "Retired (also when it already was)")
    @APIResponse(responseCode = "404", description = "No such device (or outside a scoped help desk's scopes)")
    public void retire(@PathParam("id") String id) {
        inventory.retire(deviceId(id), caller.scope());
    }

    /** A path that is not a canonical UUID names no device: the same 404 as an unknown one. */
    private static UUID deviceId(String id) {
        return CanonicalUuid.parse(id).orElseThrow(
                () -> ProblemException.notFound(DeviceProblems.noSuchDevice(EventRules.fit(id, 64))));
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Longer than any field it is matched in, it could match nothing: refused rather than searched. */
    private static String searchText(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > RegisterDeviceRequest.MAX_TEXT) {
            throw ProblemException.badRequest("search must be at most " + RegisterDeviceRequest.MAX_TEXT
                    + " characters, not " + text.length() + ".");
        }
        if (RegisterDeviceRequest.hasControlCharacter(text)) {
            throw ProblemException.badRequest("search must not contain control characters.");
        }
        return text;
    }

    private static Platform platform(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Platform.of(value.strip().toUpperCase(Locale.ROOT)).orElseThrow(() -> ProblemException.badRequest(
                "platform must be one of " + Platform.NAMES + ", not " + value + "."));
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(name + " must be true or false, not " + value + ".");
        };
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw ProblemException.badRequest(name + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? "" : " to " + max) + ", not " + value + ".");
    }
}
