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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.remoteassistance.connector.config.PartnerSettings;

/**
 * TeamViewer's Web API v1 over HTTP (a Quarkus REST client). Each call is made once; {@link RetryingPartnerClient}
 * decides about repeating it.
 */
@ApplicationScoped
@Typed(TeamViewerPartnerClient.class)
public class TeamViewerPartnerClient implements PartnerClient {

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
            throw redacted(classify(e), token);
        }
    }

    /** Finds what went wrong: the partner's answer (already typed), or the transport. */
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
        throw e;
    }

    /** Nothing the partner echoes back may carry the token into a message. */
    private static PartnerException redacted(PartnerException e, String token) {
        if (token == null || token.isEmpty() || e.getMessage() == null || !e.getMessage().contains(token)) {
            return e;
        }
        String message = e.getMessage().replace(token, "[token]");
        if (e instanceof PartnerRefusedException refused) {
            return new PartnerRefusedException(refused.status(), refused.error(), message);
        }
        PartnerUnavailableException unavailable = (PartnerUnavailableException) e;
        return new PartnerUnavailableException(message, unavailable.retryAfter().orElse(null),
                unavailable.notProcessed(), null);
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
