package org.remoteassistance.connector;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.util.Map;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * {@link ServiceTestResource} (the shared Kafka, PostgreSQL and token keys), with its "admin by default" put on by a
 * RestAssured filter instead of a default request specification. The shared resource builds that specification
 * while the application is still starting, so it captures RestAssured's unset port, and RestAssured copies a
 * specification's port over the one Quarkus sets for each test: every request then went to port 8080. A filter
 * carries no port. A request that sets its own {@code Authorization} header (even an empty one) keeps it.
 */
public class ConnectorTestResource extends ServiceTestResource {

    private static final Filter ADMIN_BY_DEFAULT = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", TestTokens.admin());
        }
        return context.next(request, response);
    };

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        RestAssured.requestSpecification = null;
        if (!RestAssured.filters().contains(ADMIN_BY_DEFAULT)) {
            RestAssured.filters(ADMIN_BY_DEFAULT);
        }
        return config;
    }
}
