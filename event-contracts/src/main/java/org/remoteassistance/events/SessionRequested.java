package org.remoteassistance.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session is asked for. The rest is optional, left out when absent:
 * {@code maxDurationMinutes} (1 to {@value EventRules#MAX_SESSION_MINUTES}) how long it may run once in progress before
 * it ends with {@link EndReason#TIME_LIMIT}, else session-service's default; {@code reason} why (plain text, at most
 * {@value EventRules#MAX_REASON} characters); {@code ticketId} the help-desk ticket it belongs to (plain text, at most
 * {@value EventRules#MAX_TICKET_ID}); {@code showReasonToUser} whether the device user is shown the reason (only with a
 * reason); {@code acknowledgeNonCompliant} the requester asks for a device that is not compliant knowingly (without it,
 * such a request is refused); {@code requesterScopeTags} the scope tags the requester is limited to, a scoped help desk's
 * (the device must carry one of them, else the request is refused; absent, the requester may reach every device).
 */
public record SessionRequested(UUID sessionId, UUID deviceId, String requestedBy, Instant requestedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxDurationMinutes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String ticketId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean showReasonToUser,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean acknowledgeNonCompliant,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> requesterScopeTags) implements EventData {

    public SessionRequested {
        requesterScopeTags = requesterScopeTags == null ? null : List.copyOf(requesterScopeTags);
    }

    /** A request with none of the optional fields: the default time limit, no reason, no ticket. */
    public SessionRequested(UUID sessionId, UUID deviceId, String requestedBy, Instant requestedAt) {
        this(sessionId, deviceId, requestedBy, requestedAt, null, null, null, null, null, null);
    }

    /** A request by a requester who may reach every device. */
    public SessionRequested(UUID sessionId, UUID deviceId, String requestedBy, Instant requestedAt,
            Integer maxDurationMinutes, String reason, String ticketId, Boolean showReasonToUser,
            Boolean acknowledgeNonCompliant) {
        this(sessionId, deviceId, requestedBy, requestedAt, maxDurationMinutes, reason, ticketId, showReasonToUser,
                acknowledgeNonCompliant, null);
    }

    /** Whether the requester knew the device is not compliant and asked all the same. */
    public boolean nonCompliantAcknowledged() {
        return Boolean.TRUE.equals(acknowledgeNonCompliant);
    }

    @Override
    public String key() {
        return sessionId.toString();
    }

    /** The reason, if the device user is to be shown it; else null. */
    public String reasonForUser() {
        return Boolean.TRUE.equals(showReasonToUser) ? reason : null;
    }

    /** {@code requestedAt} in the future would keep the session from ever expiring and hold its device for good. */
    @Override
    public void validate(Instant now) {
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.text(requestedBy, "requestedBy", EventRules.MAX_REQUESTED_BY);
        EventRules.happened(requestedAt, "requestedAt", now);
        EventRules.optionalRange(maxDurationMinutes, "maxDurationMinutes", 1, EventRules.MAX_SESSION_MINUTES);
        EventRules.optionalText(reason, "reason", EventRules.MAX_REASON);
        EventRules.optionalText(ticketId, "ticketId", EventRules.MAX_TICKET_ID);
        if (Boolean.TRUE.equals(showReasonToUser) && (reason == null || reason.isBlank())) {
            throw new InvalidEventException("data.showReasonToUser needs a reason to show");
        }
        EventRules.scopeTags(requesterScopeTags, "requesterScopeTags", EventRules.MAX_REQUESTER_SCOPE_TAGS);
    }
}
