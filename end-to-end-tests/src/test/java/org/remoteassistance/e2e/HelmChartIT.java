package org.remoteassistance.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.Topics;

/**
 * No cluster runs here, so this renders {@code deploy/helm/remote-assistance} with Helm itself (as {@code helm
 * template} would, its subcharts being the charts the services' builds generated) and holds the result to the
 * services' own configuration and to the running system: every variable a service needs is set and every one set is
 * one it reads, the probes answer on the real services, every topic the code uses is a {@code KafkaTopic} with its
 * partitions and compaction, each service's Kafka user may write only its own topics and read only those it consumes,
 * and each service has a schema and a role of its own, a PodDisruptionBudget and time to stop.
 */
class HelmChartIT extends FaultTests {

    static final Path CHART = ProjectRoot.find().resolve("deploy/helm/remote-assistance");
    static final List<String> SERVICES = List.of("device", "session", "notification", "connector");
    /** What a service cannot run without, beyond what it defaults (the connector: its token encryption key too). */
    static final List<String> REQUIRED = List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());
    private static List<JsonNode> rendered;

    /** The chart as Helm renders it for a release named remote-assistance, with its default values. */
    static synchronized List<JsonNode> resources() throws IOException {
        if (rendered == null) {
            Path root = ProjectRoot.find();
            for (String service : List.of("device", "session", "notification", "connector", "console")) {
                Path chart = Builds.chart(root, service);
                assertTrue(Files.isRegularFile(chart.resolve("Chart.yaml")), "the build generated " + chart);
            }
            new Helm(CHART).dependency().update().call();
            String yaml = new Helm(CHART).template().withName("remote-assistance").withNamespace("remote-assistance")
                    .call();
            List<JsonNode> all = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(yaml)) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                    if (document != null && !document.isEmpty()) {
                        all.add(document);
                    }
                });
            }
            rendered = all;
        }
        return rendered;
    }

    static JsonNode resource(String kind, String name) throws IOException {
        return resources().stream().filter(r -> kind.equals(r.path("kind").asText())
                && name.equals(r.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/helm"));
    }

    @Test
    void theChartPassesHelmsLintAndTakesEveryServiceFromItsBuild() throws IOException {
        resources();
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
        Set<String> subcharts = new TreeSet<>();
        YAML.readTree(CHART.resolve("Chart.yaml").toFile()).path("dependencies").forEach(dependency -> {
            subcharts.add(dependency.path("name").asText());
            assertEquals("file://../../../" + dependency.path("name").asText() + "/target/helm/kubernetes/"
                    + dependency.path("name").asText(), dependency.path("repository").asText());
        });
        assertEquals(new TreeSet<>(List.of("device-service", "session-service", "notification-service",
                "connector-service", "console")), subcharts);
        for (String module : subcharts) {
            JsonNode deployment = resource("Deployment", module);
            assertEquals("quarkus", deployment.at("/metadata/labels/app.kubernetes.io~1managed-by").asText(),
                    module + "'s Deployment is the one its build generated");
        }
    }

    /** The console reaches each service through that service's Service, on the port the Service offers. */
    @Test
    void theConsoleReachesTheServicesThroughTheirServices() throws IOException {
        Map<String, String> set = environment(resource("Deployment", "console").at("/spec/template/spec/containers/0"));
        for (String service : SERVICES) {
            String url = set.get("REMOTE_ASSISTANCE_CONSOLE_" + service.toUpperCase() + "_URL");
            assertNotNull(url, "the console is told where " + service + " is");
            JsonNode port = resource("Service", service + "-service").at("/spec/ports/0/port");
            assertEquals("http://" + service + "-service" + (port.asInt() == 80 ? "" : ":" + port.asText()), url);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "session", "notification", "connector"})
    void setsEveryVariableTheServiceNeedsAndOnlyOnesItReads(String service) throws IOException {
        String module = service + "-service";
        JsonNode container = resource("Deployment", module).at("/spec/template/spec/containers/0");
        Map<String, String> set = environment(container);
        Set<String> read = ServiceConfiguration.variablesReadWithShared(module);
        for (String variable : set.keySet()) {
            // the kafka.* settings go to the Kafka clients as they are (SASL and the like), whatever their name;
            // quarkus-kubernetes gives every pod its namespace
            assertTrue(read.contains(variable) || variable.startsWith("KAFKA_")
                            || variable.equals("KUBERNETES_NAMESPACE"),
                    module + " does not read " + variable);
        }
        List<String> required = new ArrayList<>(REQUIRED);
        if ("connector".equals(service)) {
            required.add("REMOTE_ASSISTANCE_CONNECTOR_ENCRYPTION_KEY");
        }
        for (String variable : required) {
            assertTrue(set.containsKey(variable), "deploy/helm does not set " + variable + " for " + module);
        }
        String port = ServiceConfiguration.properties(module).getProperty("quarkus.http.port");
        assertEquals(port, container.at("/ports/0/containerPort").asText(), "the port the service listens on");
        assertEquals(port, resource("Service", module).at("/spec/ports/0/targetPort").asText());
        // topics are KafkaTopics: a service must not create them with its own settings
        assertEquals("false", set.get("REMOTE_ASSISTANCE_TOPICS_PROVISION"));
        assertTrue(set.get("KAFKA_BOOTSTRAP_SERVERS").startsWith("remote-assistance-kafka-bootstrap:"));
        assertTrue(set.get("QUARKUS_DATASOURCE_JDBC_URL").contains("//remote-assistance-db-rw:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "session", "notification", "connector"})
    void takesItsSecretsFromSecretsThatAreMadeOrDescribed(String service) throws IOException {
        String module = service + "-service";
        JsonNode container = resource("Deployment", module).at("/spec/template/spec/containers/0");
        Set<String> known = new HashSet<>();
        resources().stream().filter(r -> "KafkaUser".equals(r.path("kind").asText()))
                .forEach(user -> known.add(user.at("/metadata/name").asText()));
        String example = Files.readString(CHART.resolveSibling("secrets.example.yaml"));
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            if (!secret.isMissingNode()) {
                String name = secret.path("name").asText();
                assertTrue(known.contains(name) || example.contains("name: " + name + "\n"),
                        module + " reads secret " + name + ", which neither Strimzi makes nor secrets.example.yaml "
                                + "describes");
            }
        }
        for (String variable : List.of("QUARKUS_DATASOURCE_PASSWORD", "KAFKA_SASL_JAAS_CONFIG")) {
            JsonNode value = container.path("env").findParents("name").stream()
                    .filter(env -> variable.equals(env.path("name").asText())).findFirst().orElseThrow();
            assertFalse(value.has("value"), variable + " comes from a Secret, not from the manifest");
        }
    }

    /** Each probe is a path the running service answers 200 on (started, ready, live). */
    @ParameterizedTest
    @ValueSource(strings = {"device", "session", "notification", "connector"})
    void probesAnswerOnTheRealService(String service) throws Exception {
        JsonNode container = resource("Deployment", service + "-service").at("/spec/template/spec/containers/0");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.at("/" + probe + "/httpGet");
            assertFalse(get.isMissingNode(), service + " has a " + probe);
            assertEquals(container.at("/ports/0/containerPort"), get.path("port"),
                    "the probe calls the service's own port");
            String path = get.path("path").asText();
            Api.Reply reply = api.call("GET", service, path, null, Map.of());
            assertEquals(200, reply.status(), probe + " " + path + " on " + service + ": " + reply.text());
        }
        assertTrue(container.at("/readinessProbe/httpGet/path").asText().endsWith("/ready"));
        assertTrue(container.at("/livenessProbe/httpGet/path").asText().endsWith("/live"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "session", "notification", "connector"})
    void keepsAnInstanceThroughDisruptionsAndGivesItTimeToStop(String service) throws IOException {
        String module = service + "-service";
        JsonNode deployment = resource("Deployment", module);
        assertTrue(deployment.at("/spec/replicas").asInt() >= 2, "several instances: see Running at scale");
        JsonNode budget = resource("PodDisruptionBudget", module);
        assertEquals(deployment.at("/spec/selector/matchLabels"), budget.at("/spec/selector/matchLabels"));
        assertEquals(1, budget.at("/spec/minAvailable").asInt());
        Duration shutdown = ComposeFileTest.duration(
                ServiceConfiguration.properties(module).getProperty("quarkus.shutdown.timeout"));
        long grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong();
        assertTrue(grace > shutdown.toSeconds() + 10, "a grace of " + grace + " s leaves the service its "
                + shutdown.toSeconds() + " s to finish and time to close its clients");
        JsonNode resources = deployment.at("/spec/template/spec/containers/0/resources");
        assertFalse(resources.at("/requests/cpu").isMissingNode());
        assertFalse(resources.at("/limits/memory").isMissingNode());
    }

    @Test
    void everyTopicTheCodeUsesIsAKafkaTopicWithItsPartitionsAndCompaction() throws Exception {
        Map<String, JsonNode> topics = new HashMap<>();
        resources().stream().filter(r -> "KafkaTopic".equals(r.path("kind").asText()))
                .forEach(topic -> topics.put(topic.at("/spec/topicName").asText(), topic));
        for (String topic : topicsInTheCode()) {
            JsonNode resource = topics.get(topic);
            assertNotNull(resource, "no KafkaTopic for " + topic);
            assertEquals(4, resource.at("/spec/partitions").asInt(), topic + ": the partitions the services make");
            assertEquals("remote-assistance", resource.at("/metadata/labels/strimzi.io~1cluster").asText());
            assertEquals(Topics.DEVICES.equals(topic) ? "compact" : "",
                    resource.at("/spec/config/cleanup.policy").asText(""), topic + "'s cleanup policy");
        }
        assertEquals(topicsInTheCode(), new TreeSet<>(topics.keySet()), "KafkaTopics of topics no code uses");
    }

    /** Write only its own topics and the dead letters; read only what it consumes; its own consumer group. */
    @ParameterizedTest
    @ValueSource(strings = {"device", "session", "notification", "connector"})
    void eachServiceMayWriteOnlyItsOwnTopicsAndReadOnlyWhatItConsumes(String service) throws Exception {
        String module = service + "-service";
        JsonNode user = resource("KafkaUser", module);
        assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText());
        Set<String> writes = new TreeSet<>();
        Set<String> reads = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String type = acl.at("/resource/type").asText();
            Set<String> operations = new HashSet<>();
            acl.path("operations").forEach(operation -> operations.add(operation.asText()));
            assertFalse(operations.contains("All") || operations.contains("Create") || operations.contains("Delete")
                    || operations.contains("Alter"), module + " may only read, write and describe: " + acl);
            assertEquals("literal", acl.at("/resource/patternType").asText("literal"), "no prefixes: " + acl);
            String name = acl.at("/resource/name").asText();
            if ("topic".equals(type) && operations.contains("Write")) {
                writes.add(name);
            }
            if ("topic".equals(type) && operations.contains("Read")) {
                reads.add(name);
            }
            if ("group".equals(type)) {
                groups.add(name);
            }
        }
        Set<String> own = EventType.ALL.stream().filter(type -> type.publisher().equals("/" + module))
                .map(EventType::topic).collect(Collectors.toCollection(TreeSet::new));
        if ("session".equals(service)) {
            own.add(Topics.SESSION_AUDIT);
        }
        own.add(Topics.DEAD_LETTER);
        assertEquals(own, writes, module + " writes");
        assertEquals(new TreeSet<>(ServiceConfiguration.topicsConsumed(module)), reads, module + " reads");
        assertEquals(Set.of(ServiceConfiguration.properties(module)
                .getProperty("mp.messaging.connector.smallrye-kafka.group.id")), groups, module + "'s group");
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "session", "notification", "connector"})
    void eachServiceHasASchemaAndALoginRoleOfItsOwn(String service) throws IOException {
        JsonNode cluster = resource("Cluster", "remote-assistance-db");
        String role = service + "_service";
        String schema = ServiceConfiguration.properties(service + "-service").getProperty("quarkus.flyway.default-schema");
        List<String> sql = new ArrayList<>();
        cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL").forEach(line -> sql.add(line.asText()));
        assertTrue(sql.contains("CREATE SCHEMA " + schema + " AUTHORIZATION " + role), sql.toString());
        assertTrue(sql.contains("ALTER ROLE " + role + " SET search_path = " + schema), sql.toString());
        JsonNode managed = cluster.at("/spec/managed/roles").findParents("name").stream()
                .filter(r -> role.equals(r.path("name").asText())).findFirst().orElseThrow();
        assertTrue(managed.path("login").asBoolean());
        assertEquals(service + "-service-db", managed.at("/passwordSecret/name").asText());
        JsonNode container = resource("Deployment", service + "-service").at("/spec/template/spec/containers/0");
        assertEquals(service + "-service-db", container.path("env").findParents("name").stream()
                .filter(env -> "QUARKUS_DATASOURCE_PASSWORD".equals(env.path("name").asText())).findFirst()
                .orElseThrow().at("/valueFrom/secretKeyRef/name").asText(), "the role's own password");
        assertEquals("remote_assistance", cluster.at("/spec/bootstrap/initdb/database").asText());
    }

    /** The values of a container's environment: its own, and those of the ConfigMaps it takes whole. */
    private static Map<String, String> environment(JsonNode container) throws IOException {
        Map<String, String> set = new HashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String map = source.at("/configMapRef/name").asText();
            resource("ConfigMap", map).path("data").fields()
                    .forEachRemaining(entry -> set.put(entry.getKey(), entry.getValue().asText()));
        }
        for (JsonNode variable : container.path("env")) {
            set.put(variable.path("name").asText(), variable.has("value") ? variable.path("value").asText()
                    : "(from " + variable.path("valueFrom").fieldNames().next() + ")");
        }
        return set;
    }

    /** Every topic name the event contract defines ({@link Topics}' constants). */
    private static Set<String> topicsInTheCode() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        return topics;
    }
}
