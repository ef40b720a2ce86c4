package org.remoteassistance.session;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * RestAssured requests carry an admin token unless the test sets its own {@code Authorization} header (an empty one
 * included, for "no token").
 *
 * <p>Works around ServiceTestResource: it builds its default request specification when the test resource starts,
 * before Quarkus has set the test port, and RestAssured copies that specification's port (8080) over the request's
 * own, so every request went to the wrong port. A filter carries no port. It is set before each test, in the test's
 * own class loader, since a test profile restarts Quarkus in a new one.
 */
public class AdminTokenByDefault implements QuarkusTestBeforeEachCallback, Filter {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.requestSpecification = null;
        if (RestAssured.filters().stream().noneMatch(AdminTokenByDefault.class::isInstance)) {
            RestAssured.filters(new AdminTokenByDefault());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", TestTokens.admin());
        }
        return context.next(request, response);
    }
}
