package org.remoteassistance.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so this reads docker-compose.yml and proves it runs every service the way the services
 * are configured: each variable it sets is one the service reads, and each connection setting is set.
 */
class ComposeFileTest {

    private static final Path ROOT = ProjectRoot.find();
    private static final List<String> SERVICES = List.of("device-service", "session-service", "notification-service",
            "connector-service");
    /** Settings a service cannot run in a deployment without. */
    private static final List<String> REQUIRED = List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_HTTP_PORT");

    private final JsonNode compose = read();

    @Test
    void namesEveryServiceKafkaAndPostgres() {
        Set<String> names = new TreeSet<>();
        compose.get("services").fieldNames().forEachRemaining(names::add);
        Set<String> expected = new TreeSet<>(SERVICES);
        expected.add("kafka");
        expected.add("postgres");
        assertEquals(expected, names);
        assertTrue(compose.at("/services/kafka/image").asText().startsWith("apache/kafka:"));
        assertTrue(compose.at("/services/kafka/healthcheck/test").size() > 0);
        assertTrue(compose.at("/services/postgres/healthcheck/test").size() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"device-service", "session-service", "notification-service", "connector-service"})
    void buildsFromItsDockerfileWaitsForHealthyDependenciesAndHasAHealthCheck(String service) {
        JsonNode node = compose.at("/services/" + service);
        Path dockerfile = ROOT.resolve(node.at("/build/context").asText()).resolve(node.at("/build/dockerfile").asText());
        assertTrue(Files.exists(dockerfile), dockerfile + " exists");
        assertEquals("service_healthy", node.at("/depends_on/kafka/condition").asText());
        assertEquals("service_healthy", node.at("/depends_on/postgres/condition").asText());
        assertTrue(node.at("/healthcheck/test").toString().contains("/q/health/ready"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"device-service", "session-service", "notification-service", "connector-service"})
    void setsOnlyVariablesTheServiceReadsAndEveryRequiredOne(String service) throws IOException {
        Set<String> read = variablesRead(service);
        Set<String> set = new HashSet<>();
        compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(set::add);
        for (String variable : set) {
            assertTrue(read.contains(variable), service + " does not read " + variable + " (reads " + read + ")");
        }
        for (String variable : REQUIRED) {
            assertTrue(set.contains(variable), "compose does not set " + variable + " for " + service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "session", "notification", "connector"})
    void postgresInitCreatesEachServiceSchemaAndRole(String schema) throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/postgres/init-schemas.sh"));
        assertTrue(script.contains("for service in device session notification connector"));
        String role = compose.at("/services/" + schema + "-service/environment/QUARKUS_DATASOURCE_USERNAME").asText();
        assertEquals(schema + "_service", role);
        String password = compose.at("/services/postgres/environment/" + schema.toUpperCase() + "_DB_PASSWORD")
                .asText();
        assertTrue(!password.isBlank(), "postgres gets the " + schema + " role's password");
    }

    @Test
    void postgresInitQuotesPasswordsAsLiteralsAndNamesAsIdentifiers() throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/postgres/init-schemas.sh"));
        Matcher hereDocument = Pattern.compile("<<-?\\s*(['\"]?)(\\w+)\\1").matcher(script);
        int hereDocuments = 0;
        while (hereDocument.find()) {
            hereDocuments++;
            assertFalse(hereDocument.group(1).isEmpty(), "here-document " + hereDocument.group(2)
                    + " is quoted, so the shell pastes nothing into the SQL");
        }
        assertTrue(hereDocuments > 0, "the SQL is in here-documents");
        assertFalse(Pattern.compile("(?:-c|--command)[ =]?\"[^\"]*\\$").matcher(script).find(),
                "no SQL in a -c argument the shell expands");
        assertTrue(Pattern.compile("PASSWORD\\s+:'\\w+'").matcher(script).find(),
                "the password is a psql variable quoted as a literal");
        assertTrue(Pattern.compile("CREATE ROLE\\s+:\"\\w+\"").matcher(script).find(),
                "the role is quoted as an identifier");
        assertTrue(Pattern.compile("CREATE SCHEMA\\s+:\"\\w+\"\\s+AUTHORIZATION\\s+:\"\\w+\"").matcher(script).find(),
                "the schema and its owner are quoted as identifiers");
    }

    /**
     * The environment variables a service reads: the environment form of each property in its
     * application.properties (Quarkus maps FOO_BAR_BAZ to foo.bar.baz), and each ${VAR} it references.
     */
    private static Set<String> variablesRead(String service) throws IOException {
        Path file = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Set<String> variables = new HashSet<>();
        Pattern reference = Pattern.compile("\\$\\{([A-Z0-9_]+)");
        for (String key : properties.stringPropertyNames()) {
            String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            variables.add(plain.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
            Matcher matcher = reference.matcher(properties.getProperty(key));
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        }
        return variables;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
