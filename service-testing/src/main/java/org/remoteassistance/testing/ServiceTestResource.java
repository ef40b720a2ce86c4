package org.remoteassistance.testing;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import java.util.Map;
import org.remoteassistance.localstack.LocalStackTestResource;
import org.remoteassistance.localstack.Tokens;

/**
 * The shared Kafka and PostgreSQL, and tokens: requests made with RestAssured carry an admin token unless a test sets
 * its own {@code Authorization} header (see {@link TestTokens}).
 */
public class ServiceTestResource extends LocalStackTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        RestAssured.config = RestAssured.config().headerConfig(
                HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization", "Content-Type", "Accept"));
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", TestTokens.bearer(tokens().admin("test-admin"))).build();
        return config;
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
