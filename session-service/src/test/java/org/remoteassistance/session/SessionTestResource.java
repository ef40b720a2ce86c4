package org.remoteassistance.session;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.util.Map;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * {@link ServiceTestResource} (the shared Kafka and PostgreSQL, and the token keys) with its "admin unless the test
 * says otherwise" carried by a RestAssured filter instead of a default request specification. The shared resource
 * builds that specification before Quarkus has set the test port, and RestAssured copies a specification's port over
 * the request's own, so every request went to the wrong port. A filter carries no port. A request that sets its own
 * {@code Authorization} header, even an empty one ("no token"), keeps it.
 */
public class SessionTestResource extends ServiceTestResource {

    private static final Filter ADMIN_UNLESS_SAID = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", TestTokens.admin());
        }
        return context.next(request, response);
    };

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        RestAssured.requestSpecification = null;
        if (!RestAssured.filters().contains(ADMIN_UNLESS_SAID)) {
            RestAssured.filters(ADMIN_UNLESS_SAID);
        }
        return config;
    }
}
