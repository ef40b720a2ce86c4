package org.remoteassistance.console.signin;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people signed in, by the random id their browser's cookie carries. Kept in this process: a restart signs
 * everyone out (several console instances need sticky sessions or a shared store; see the README).
 */
@ApplicationScoped
public class SignedIn {

    /** The cookie that carries the id; HttpOnly and SameSite=Strict, so no script and no other site sends it. */
    public static final String COOKIE = "console-session";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Person> people = new ConcurrentHashMap<>();

    /** Signs the person in; returns the id for their cookie. */
    public String add(Person person) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        people.put(id, person);
        return id;
    }

    public Optional<Person> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Person person = people.get(id);
        if (person != null && Instant.now().isAfter(person.until())) {
            people.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(person);
    }

    public void remove(String id) {
        if (id != null) {
            people.remove(id);
        }
    }
}
