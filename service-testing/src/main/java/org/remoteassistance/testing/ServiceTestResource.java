package org.remoteassistance.testing;

import io.restassured.RestAssured;
import java.util.Map;
import org.remoteassistance.localstack.LocalStackTestResource;
import org.remoteassistance.localstack.Tokens;

/**
 * The shared Kafka and PostgreSQL, and tokens: requests made with RestAssured carry an admin token unless a test sets
 * its own {@code Authorization} header (see {@link TestTokens}).
 */
public class ServiceTestResource extends LocalStackTestResource {

    private static boolean filterInstalled;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        installAdminTokenFilter();
        return config;
    }

    /**
     * A filter rather than a default request specification: the specification would be built before Quarkus sets the
     * test port and would then send every request to the wrong port.
     */
    private static synchronized void installAdminTokenFilter() {
        if (filterInstalled) {
            return;
        }
        String admin = TestTokens.admin();
        RestAssured.filters((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", admin);
            }
            return context.next(request, response);
        });
        filterInstalled = true;
    }

    /** Tokens for tests that act as someone else. */
    public static final class TestTokens {

        private TestTokens() {
        }

        public static Tokens tokens() {
            return LocalStackTestResource.tokens();
        }

        public static String bearer(String token) {
            return "Bearer " + token;
        }

        public static String admin() {
            return bearer(tokens().admin("test-admin"));
        }

        public static String helpdesk(String name) {
            return bearer(tokens().helpdesk(name));
        }

        public static String device(Object deviceId) {
            return bearer(tokens().device(deviceId.toString()));
        }
    }
}
