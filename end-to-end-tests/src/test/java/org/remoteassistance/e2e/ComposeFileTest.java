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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
 * are configured: each variable it sets is one the service reads, and each connection setting is set. It also holds the
 * deployment to what a first {@code docker compose up --build} on a bare host needs: images built from the sources,
 * data on volumes, a token key that exists, health that means ready, restarts and time to stop.
 */
class ComposeFileTest {

    private static final Path ROOT = ProjectRoot.find();
    private static final List<String> SERVICES = List.of("device-service", "session-service", "notification-service",
            "connector-service");
    /**
     * What compose assumes while a service's application.properties sets no {@code quarkus.shutdown.timeout}: its stop
     * grace period must leave the service this long to finish its requests, and more to close its clients.
     */
    private static final Duration ASSUMED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Settings a service cannot run in a deployment without. */
    private static final List<String> REQUIRED = List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_HTTP_PORT");

    private final JsonNode compose = read();

    @Test
    void namesEveryServiceKafkaPostgresAndTheKeyMaker() {
        Set<String> names = new TreeSet<>();
        compose.get("services").fieldNames().forEachRemaining(names::add);
        Set<String> expected = new TreeSet<>(SERVICES);
        expected.add("kafka");
        expected.add("postgres");
        expected.add("signing-keys");
        expected.add("console");
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
    void kafkaKeepsItsLogOnAVolume() {
        String logDirs = compose.at("/services/kafka/environment/KAFKA_LOG_DIRS").asText();
        assertFalse(logDirs.isBlank(), "KAFKA_LOG_DIRS is set (the apache/kafka image's default is under /tmp)");
        for (String dir : logDirs.split(",")) {
            Optional<Mount> volume = namedVolumeHolding("kafka", dir.trim());
            assertTrue(volume.isPresent(), dir + " is on a named volume of kafka");
            assertFalse(volume.get().readOnly(), dir + " is writable");
        }
    }

    @Test
    void postgresIsHealthyOnlyOnceItAnswersOverTcp() {
        // the image's init scripts run on a temporary server that listens on the Unix socket alone
        String check = compose.at("/services/postgres/healthcheck/test").toString();
        Matcher host = Pattern.compile("pg_isready\\b.*?(?:-h|--host)[ =](\\S+?)[\\s\"]").matcher(check);
        assertTrue(host.find(), "pg_isready names a host: " + check);
        assertFalse(host.group(1).startsWith("/"), "a TCP host, not a socket directory: " + host.group(1));
        assertTrue(Pattern.compile("(?:-U|--username)[ =]\\S+").matcher(check).find(), "pg_isready names the user");
        assertTrue(Pattern.compile("(?:-d|--dbname)[ =]remote_assistance").matcher(check).find(),
                "pg_isready names the database the init script makes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"device-service", "session-service", "notification-service", "connector-service"})
    void verifiesTokensWithAKeyMadeBeforeItStarts(String service) {
        // a bind mount of a key file that is missing on the host becomes an empty directory, and every call a 401
        String location = compose.at("/services/" + service + "/environment/MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText();
        Mount keys = namedVolumeHolding(service, location).orElseThrow(() -> new AssertionError(
                service + ": the token key " + location + " is on a named volume, not a bind mount of a host file"));
        List<String> makers = new ArrayList<>();
        compose.get("services").fields().forEachRemaining(other -> {
            boolean writesTheKeys = mounts(other.getKey()).stream()
                    .anyMatch(m -> m.named() && m.source().equals(keys.source()) && !m.readOnly());
            if (writesTheKeys && "service_completed_successfully".equals(
                    compose.at("/services/" + service + "/depends_on/" + other.getKey() + "/condition").asText())) {
                makers.add(other.getKey());
            }
        });
        assertEquals(1, makers.size(), service + " starts once one service has made the keys in " + keys.source());
    }

    @Test
    void bindMountsOnlyFilesOfTheRepository() {
        compose.get("services").fieldNames().forEachRemaining(service -> {
            for (Mount mount : mounts(service)) {
                if (!mount.named()) {
                    assertFalse(mount.source().contains("$"), service + " mounts " + mount.source()
                            + ": a path from the environment may be missing, and Docker makes a missing one a "
                            + "directory");
                    assertTrue(Files.exists(ROOT.resolve(mount.source()).normalize()),
                            service + " mounts " + mount.source() + ", which is in the repository");
                }
            }
        });
    }

    @Test
    void runsTheConsoleAfterTheServicesWithTheirAddressesAndNoLocalSignInUnlessAsked() throws IOException {
        JsonNode console = compose.at("/services/console");
        Set<String> read = variablesRead("console");
        console.at("/environment").fieldNames().forEachRemaining(variable -> assertTrue(read.contains(variable),
                "the console does not read " + variable + " (reads " + read + ")"));
        for (String service : SERVICES) {
            assertEquals("service_healthy", console.at("/depends_on/" + service + "/condition").asText());
            String url = console.at("/environment/REMOTE_ASSISTANCE_CONSOLE_"
                    + service.replace("-service", "").toUpperCase() + "_URL").asText();
            String port = compose.at("/services/" + service + "/environment/QUARKUS_HTTP_PORT").asText();
            assertEquals("http://" + service + ":" + port, url);
        }
        assertEquals("${CONSOLE_LOCAL_SIGN_IN_KEY:-}",
                console.at("/environment/REMOTE_ASSISTANCE_CONSOLE_LOCAL_SIGN_IN_KEY_LOCATION").asText(),
                "the local sign-in is off unless an operator asks for it");
        assertTrue(console.at("/healthcheck/test").toString().contains("/q/health/ready"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"device-service", "session-service", "notification-service", "connector-service", "console"})
    void buildsItsImageFromTheSourcesInAMultiStageDockerfile(String service) throws IOException {
        JsonNode build = compose.at("/services/" + service + "/build");
        Path dockerfile = ROOT.resolve(build.at("/context").asText()).resolve(build.at("/dockerfile").asText());
        List<Stage> stages = Stage.of(Files.readString(dockerfile));
        assertTrue(stages.size() >= 2, dockerfile + " is multi-stage");
        Stage maven = stages.stream()
                .filter(stage -> stage.base().startsWith("eclipse-temurin:17-jdk") && stage.text().contains("./mvnw"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a stage packages with ./mvnw on eclipse-temurin:17-jdk"));
        assertTrue(maven.text().contains(" package"), "the build stage packages");
        Matcher projects = Pattern.compile("-pl\\s+(\\S+)").matcher(maven.text());
        if (projects.find()) {
            assertTrue(List.of(projects.group(1).split(",")).contains(service), "the build stage packages " + service);
        }
        String target = build.at("/target").asText();
        Stage image = target.isEmpty() ? stages.get(stages.size() - 1)
                : stages.stream().filter(stage -> target.equals(stage.name())).findFirst().orElseThrow();
        assertTrue(image.base().startsWith("eclipse-temurin:17-jre"), service + " runs on a JRE 17: " + image.base());
        assertTrue(image.text().contains("--from=" + maven.name()), "the image copies from the build stage");
        String copied = image.text().replace("${SERVICE}", build.at("/args/SERVICE").asText());
        assertTrue(copied.contains("/" + service + "/target/quarkus-app/"),
                "the image holds " + service + "'s quarkus-app");
    }

    @Test
    void keepsBuildOutputLocalDataAndGitOutOfEveryBuildContext() {
        compose.get("services").fields().forEachRemaining(service -> {
            if (!service.getValue().has("build")) {
                return;
            }
            Path ignore = ROOT.resolve(service.getValue().at("/build/context").asText()).resolve(".dockerignore");
            assertTrue(Files.exists(ignore), service.getKey() + "'s build context has a .dockerignore");
            Set<String> patterns = new HashSet<>();
            try {
                for (String line : Files.readAllLines(ignore)) {
                    String pattern = line.strip().replaceAll("/+$", "");
                    if (!pattern.isEmpty() && !pattern.startsWith("#")) {
                        patterns.add(pattern);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            assertTrue(patterns.contains("**/target"), ".dockerignore leaves out every module's target");
            assertTrue(patterns.contains("**/.data") || patterns.contains(".data"), ".dockerignore leaves out .data");
            assertTrue(patterns.contains(".git"), ".dockerignore leaves out .git");
        });
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

    @Test
    void everyServiceRestartsAndHasTimeToStopExceptTheOneShot() throws IOException {
        Set<String> oneShots = new HashSet<>();
        compose.get("services").forEach(node -> node.path("depends_on").fields().forEachRemaining(dependency -> {
            if ("service_completed_successfully".equals(dependency.getValue().path("condition").asText())) {
                oneShots.add(dependency.getKey());
            }
        }));
        List<String> names = new ArrayList<>();
        compose.get("services").fieldNames().forEachRemaining(names::add);
        for (String service : names) {
            JsonNode node = compose.at("/services/" + service);
            String restart = node.path("restart").asText();
            if (oneShots.contains(service)) {
                assertTrue(restart.isEmpty() || restart.equals("no"), service + " runs once: no restart");
                continue;
            }
            assertTrue(Set.of("unless-stopped", "always", "on-failure").contains(restart.replaceAll(":\\d+$", "")),
                    service + " restarts: " + restart);
            assertTrue(node.has("stop_grace_period"), service + " has a stop_grace_period");
            Duration grace = duration(node.get("stop_grace_period").asText());
            if (SERVICES.contains(service)) {
                Duration shutdown = shutdownTimeout(service);
                assertTrue(grace.compareTo(shutdown) > 0, service + ": stop_grace_period " + grace
                        + " leaves time after quarkus.shutdown.timeout " + shutdown + " to close Kafka and the pool");
            }
        }
    }

    /**
     * The environment variables a service reads: the environment form of each property in its
     * application.properties (Quarkus maps FOO_BAR_BAZ to foo.bar.baz), and each ${VAR} it references.
     */
    private static Set<String> variablesRead(String service) {
        return ServiceConfiguration.variablesRead(service);
    }

    /** A service's quarkus.shutdown.timeout, or what compose assumes while it is not set. */
    private static Duration shutdownTimeout(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String timeout = properties.getProperty("quarkus.shutdown.timeout");
        return timeout == null ? ASSUMED_SHUTDOWN_TIMEOUT : duration(timeout);
    }

    /** A compose duration (1m30s) or a Quarkus one (30s, PT30S, or plain seconds). */
    static Duration duration(String text) {
        String value = text.strip();
        if (value.toUpperCase().startsWith("P")) {
            return Duration.parse(value.toUpperCase());
        }
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher part = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    /** The named volume of a service that holds a path in its container, if one does. */
    private Optional<Mount> namedVolumeHolding(String service, String path) {
        return mounts(service).stream()
                .filter(mount -> mount.named()
                        && (path.equals(mount.target()) || path.startsWith(mount.target() + "/")))
                .findFirst();
    }

    /** A service's volumes, in either syntax: named volumes and bind mounts. */
    private List<Mount> mounts(String service) {
        Set<String> named = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(named::add);
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : compose.at("/services/" + service + "/volumes")) {
            if (volume.isTextual()) {
                String text = volume.asText();
                // the source may be ${VAR:-default}, colons and all
                int sourceEnd = text.indexOf(':', text.startsWith("${") ? text.indexOf('}') + 1 : 0);
                String source = text.substring(0, sourceEnd);
                String[] rest = text.substring(sourceEnd + 1).split(":");
                mounts.add(new Mount(source, rest[0], rest.length > 1 && List.of(rest[1].split(",")).contains("ro"),
                        named.contains(source)));
            } else {
                String source = volume.path("source").asText();
                mounts.add(new Mount(source, volume.path("target").asText(), volume.path("read_only").asBoolean(),
                        "volume".equals(volume.path("type").asText()) && named.contains(source)));
            }
        }
        return mounts;
    }

    private record Mount(String source, String target, boolean readOnly, boolean named) {
    }

    /** One stage of a Dockerfile: its base image, its name (AS) and its text. */
    private record Stage(String base, String name, String text) {

        static List<Stage> of(String dockerfile) {
            // continuation lines joined, comments dropped
            String joined = dockerfile.replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n", " ");
            Matcher from = Pattern
                    .compile("(?im)^FROM[ \\t]+(?:--\\S+[ \\t]+)*(\\S+)(?:[ \\t]+AS[ \\t]+(\\S+))?[ \\t]*$")
                    .matcher(joined);
            List<Integer> starts = new ArrayList<>();
            List<String[]> heads = new ArrayList<>();
            while (from.find()) {
                starts.add(from.start());
                heads.add(new String[] {from.group(1), from.group(2) == null ? "" : from.group(2)});
            }
            List<Stage> stages = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                int end = i + 1 < starts.size() ? starts.get(i + 1) : joined.length();
                stages.add(new Stage(heads.get(i)[0], heads.get(i)[1], joined.substring(starts.get(i), end)));
            }
            return stages;
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
