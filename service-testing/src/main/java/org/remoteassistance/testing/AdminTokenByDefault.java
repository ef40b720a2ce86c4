package org.remoteassistance.testing;

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
 * <p>A filter rather than a default request specification: the specification would be built before Quarkus sets the
 * test port, and RestAssured would then send every request to port 8080. {@link ServiceTestResource} installs it when
 * the stack starts. A service whose tests use {@code @TestProfile} also registers this class as a
 * {@link QuarkusTestBeforeEachCallback} (in {@code META-INF/services}): a profile restarts Quarkus in a new class
 * loader, with a RestAssured of its own, and the callback installs the filter there before each test.
 */
public class AdminTokenByDefault implements QuarkusTestBeforeEachCallback, Filter {

    /** Adds the filter to the RestAssured of the calling class loader, once. */
    public static synchronized void install() {
        if (RestAssured.filters().stream().noneMatch(AdminTokenByDefault.class::isInstance)) {
            RestAssured.filters(new AdminTokenByDefault());
        }
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.requestSpecification = null;
        install();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            // signed when needed: the callback is created before the test resource has made the signing key
            request.header("Authorization", TestTokens.admin());
        }
        return context.next(request, response);
    }
}
