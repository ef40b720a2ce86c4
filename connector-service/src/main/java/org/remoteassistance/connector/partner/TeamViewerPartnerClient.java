package org.remoteassistance.connector.partner;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.remoteassistance.connector.config.PartnerSettings;

/**
 * TeamViewer's Web API v1 over HTTP (a Quarkus REST client). Each call is made once; {@link GuardedPartnerClient}
 * decides about repeating it.
 */
@ApplicationScoped
@Typed(TeamViewerPartnerClient.class)
public class TeamViewerPartnerClient implements PartnerClient {

    /** Long enough for the partner's error text, short enough for an event's detail or a log line. */
    static final int MAX_MESSAGE = 400;

    @Inject
    PartnerSettings settings;

    private TeamViewerApi api;

    @PostConstruct
    void build() {
        PartnerSettings.TeamViewer teamviewer = settings.teamviewer();
        api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(teamviewer.baseUrl()))
                .connectTimeout(teamviewer.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(teamviewer.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(TeamViewerErrors.class)
                .build(TeamViewerApi.class);
    }

    @Override
    public boolean ping(String token) {
        try {
            return call(token, () -> api.ping(bearer(token))).tokenValid();
        } catch (PartnerRefusedException e) {
            if (e.tokenRefused()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public PartnerSession createSession(String token, SessionRequest request) {
        TeamViewerApi.EndCustomer endCustomer = request.endCustomer() == null ? null
                : new TeamViewerApi.EndCustomer(request.endCustomer().name(), request.endCustomer().email());
        TeamViewerApi.NewSession body = new TeamViewerApi.NewSession(settings.groupName(), request.description(),
                endCustomer);
        return toSession(call(token, () -> api.create(bearer(token), body)));
    }

    @Override
    public PartnerSession getSession(String token, String code) {
        return toSession(call(token, () -> api.get(bearer(token), code)));
    }

    @Override
    public PartnerSession closeSession(String token, String code) {
        return toSession(call(token,
                () -> api.update(bearer(token), code, new TeamViewerApi.SessionUpdate(PartnerSession.CLOSED))));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static <T> T call(String token, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            PartnerException partner = classify(e);
            if (partner == null) {
                throw defect(e, token);
            }
            throw presentable(partner, token);
        }
    }

    /** Finds what went wrong: the partner's answer (already typed), or the transport; null when neither. */
    private static PartnerException classify(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PartnerException partner) {
                return partner;
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // no connection means no request: the partner did nothing
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return new PartnerUnavailableException("The partner could not be reached: "
                        + cause.getClass().getSimpleName(), null, true, null);
            }
        }
        if (e instanceof ProcessingException || e instanceof WebApplicationException) {
            return new PartnerUnavailableException("The partner did not answer in time or the connection failed: "
                    + rootCause(e).getClass().getSimpleName(), null, false, null);
        }
        return null;
    }

    /**
     * Partner messages end up in events, logs and problem details: nothing the partner echoes back may carry the
     * token there, and a partner's long error text is shortened (after the token is out, so no cut leaves part of
     * it).
     */
    private static PartnerException presentable(PartnerException e, String token) {
        String message = shortened(redacted(e.getMessage(), token));
        if (Objects.equals(message, e.getMessage())) {
            return e;
        }
        if (e instanceof PartnerRefusedException refused) {
            return new PartnerRefusedException(refused.status(), redacted(refused.error(), token), message);
        }
        PartnerUnavailableException unavailable = (PartnerUnavailableException) e;
        return new PartnerUnavailableException(message, unavailable.retryAfter().orElse(null),
                unavailable.notProcessed(), null);
    }

    /**
     * Neither the partner's answer nor a transport failure: a defect (a header the HTTP client will not send, say).
     * Its message and its causes' may quote the request, so only a redacted copy leaves, with the original's stack.
     */
    private static IllegalStateException defect(RuntimeException e, String token) {
        IllegalStateException defect = new IllegalStateException("The partner call failed unexpectedly: "
                + redacted(e.getClass().getName() + ": " + e.getMessage(), token));
        defect.setStackTrace(e.getStackTrace());
        return defect;
    }

    private static String redacted(String text, String token) {
        return text == null || token == null || token.isEmpty() ? text : text.replace(token, "[token]");
    }

    private static String shortened(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message
                : message.substring(0, MAX_MESSAGE) + "…";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static PartnerSession toSession(TeamViewerApi.Session session) {
        if (session == null || session.code() == null || session.code().isBlank()) {
            throw new PartnerUnavailableException("The partner's answer holds no session code", null, false, null);
        }
        return new PartnerSession(session.code(), session.state(), session.supporterLink(),
                session.endCustomerLink(), time(session.createdAt()), time(session.validUntil()),
                time(session.closedAt()), session.description());
    }

    /** The partner writes ISO-8601 UTC; an offset-less time is taken as UTC. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
