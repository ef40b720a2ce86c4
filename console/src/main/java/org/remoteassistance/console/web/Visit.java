package org.remoteassistance.console.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.quarkus.security.identity.SecurityIdentity;
import org.remoteassistance.console.signin.OpenIdConnectSignIn;
import org.remoteassistance.console.signin.Person;
import org.remoteassistance.console.signin.SignedIn;

/** One page request: who asks (from their sign-in cookie) and in which language (from Accept-Language). */
@RequestScoped
public class Visit {

    @Inject
    HttpServerRequest request;

    @Inject
    SignedIn signedIn;

    @Inject
    SecurityIdentity identity;

    @Inject
    OpenIdConnectSignIn openIdConnect;

    private Words words;

    public Words words() {
        if (words == null) {
            String header = request.getHeader("Accept-Language");
            List<Locale> acceptable;
            try {
                acceptable = header == null || header.isBlank() ? List.of()
                        : Locale.LanguageRange.parse(header).stream()
                                .map(range -> Locale.forLanguageTag(range.getRange())).toList();
            } catch (IllegalArgumentException e) {
                acceptable = List.of(); // a malformed header gets English, not an error
            }
            words = Words.forLanguages(acceptable);
        }
        return words;
    }

    public Optional<Person> person() {
        Optional<Person> local = signedIn.find(sessionId());
        return local.isPresent() ? local : openIdConnect.person(identity);
    }

    /** The id the sign-in cookie carries, if any. */
    public String sessionId() {
        Cookie cookie = request.getCookie(SignedIn.COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** The signed-in person; otherwise the page sends the browser to the sign-in page. */
    public Person signedIn() {
        Optional<Person> person = person();
        if (person.isEmpty() && openIdConnect.enabled() && !identity.isAnonymous()) {
            throw new ForbiddenException(); // the provider knows them, but they have no role here
        }
        return person.orElseThrow(NotSignedInException::new);
    }

    /** Whether the identity provider signed this browser in (its session, not the local sign-in's). */
    public boolean signedInWithProvider() {
        return openIdConnect.enabled() && !identity.isAnonymous();
    }

    /** An admin or someone of the help desk: a device user gets 403. */
    public Person supporter() {
        Person person = signedIn();
        if (!person.role().supportsDevices()) {
            throw new ForbiddenException();
        }
        return person;
    }

    /** An administrator: the connector and the audit trail are theirs alone. */
    public Person admin() {
        Person person = signedIn();
        if (person.role() != org.remoteassistance.console.signin.Role.ADMIN) {
            throw new ForbiddenException();
        }
        return person;
    }

    /** A device user (their own device's Company Portal only). */
    public Person deviceUser() {
        Person person = signedIn();
        if (person.deviceId() == null) {
            throw new ForbiddenException();
        }
        return person;
    }

    /** Someone who is not signed in (or whose sign-in ran out). */
    public static class NotSignedInException extends RuntimeException {
        NotSignedInException() {
            super("not signed in", null, false, false);
        }
    }

    /** Someone signed in whose role does not reach the page. */
    public static class ForbiddenException extends RuntimeException {
        ForbiddenException() {
            super("not for this person", null, false, false);
        }
    }
}
