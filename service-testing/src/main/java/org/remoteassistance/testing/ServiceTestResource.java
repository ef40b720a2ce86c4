package org.remoteassistance.testing;

import java.util.List;
import java.util.Map;
import org.remoteassistance.localstack.LocalStackTestResource;
import org.remoteassistance.localstack.Tokens;

/**
 * The shared Kafka and PostgreSQL, and tokens: requests made with RestAssured carry an admin token unless a test sets
 * its own {@code Authorization} header ({@link AdminTokenByDefault}; see {@link TestTokens}).
 */
public class ServiceTestResource extends LocalStackTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        AdminTokenByDefault.install();
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

        /** A help desk that reaches only the devices with one of these scope tags. */
        public static String helpdesk(String name, String... scopeTags) {
            return bearer(tokens().helpdesk(name, List.of(scopeTags)));
        }

        public static String device(Object deviceId) {
            return bearer(tokens().device(deviceId.toString()));
        }
    }
}
