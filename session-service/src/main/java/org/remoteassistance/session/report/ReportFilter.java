package org.remoteassistance.session.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.remoteassistance.support.devices.KnownDevices;

/**
 * Which sessions a report covers: requested from {@code from} (inclusive) to {@code to} (exclusive), and optionally of
 * one device, of the devices with one scope tag (as the device read model has them now), requested by one actor, with
 * one outcome, for one ticket.
 */
public record ReportFilter(Instant from, Instant to, UUID deviceId, String scope, String actor,
        ReportOutcome outcome, String ticketId) {

    /** The SQL condition and its parameters, in order. */
    String where(List<Object> parameters) {
        List<String> conditions = new ArrayList<>(List.of("requested_at >= ?", "requested_at < ?"));
        parameters.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        parameters.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        if (deviceId != null) {
            conditions.add("device_id = ?");
            parameters.add(deviceId);
        }
        if (scope != null) {
            conditions.add("device_id IN (" + KnownDevices.IN_SCOPE + ")");
            parameters.add(KnownDevices.tagsParameter(List.of(scope)));
        }
        if (actor != null) {
            conditions.add("requested_by = ?");
            parameters.add(actor);
        }
        if (outcome != null) {
            conditions.add(ReportOutcome.SQL + " = ?");
            parameters.add(outcome.name());
        }
        if (ticketId != null) {
            conditions.add("ticket_id = ?");
            parameters.add(ticketId);
        }
        return String.join(" AND ", conditions);
    }
}
