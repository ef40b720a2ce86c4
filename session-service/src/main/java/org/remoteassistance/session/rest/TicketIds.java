package org.remoteassistance.session.rest;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.support.problem.ProblemException;

/**
 * The help-desk ticket references the API takes: {@code remote-assistance.sessions.ticket-pattern}, compiled at start
 * (a pattern that does not compile stops the service, naming the setting).
 */
@Startup
@ApplicationScoped
class TicketIds {

    private final Pattern pattern;

    TicketIds(SessionSettings settings) {
        try {
            pattern = Pattern.compile(settings.ticketPattern());
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("remote-assistance.sessions.ticket-pattern is not a regular expression: "
                    + e.getDescription(), e);
        }
    }

    /** The ticket reference as given, or null for none; a 400 naming the field when it does not match. */
    String check(String ticketId) {
        String ticket = RequestParameters.optionalText("ticketId", ticketId, EventRules.MAX_TICKET_ID);
        if (ticket != null && !pattern.matcher(ticket).matches()) {
            throw ProblemException.badRequest("ticketId must match " + pattern.pattern() + ".");
        }
        return ticket;
    }
}
